// A stand-in for the two AWS APIs the functions call, at the wire level, for bundles that carry
// their own AWS SDK: SQS SendMessage (AWS JSON 1.0) and SSM GetParameters (AWS JSON 1.1). The SDK
// finds it through AWS_ENDPOINT_URL_SSM, and through the queue URL for SQS.
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeAwsCall {
  target: string;
  input: any;
  /** The request was SigV4-signed, as the real endpoints require. */
  signed: boolean;
}

export class FakeAws {
  readonly calls: FakeAwsCall[] = [];
  private server?: Server;

  constructor(private readonly parameters: Record<string, string>) {}

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      let body = '';
      req.on('data', (d) => (body += d));
      req.on('end', () => {
        const target = String(req.headers['x-amz-target'] ?? '');
        const input = body ? JSON.parse(body) : {};
        this.calls.push({ target, input, signed: /^AWS4-HMAC-SHA256 Credential=/.test(String(req.headers.authorization ?? '')) });
        const reply = (status: number, type: string, out: unknown) => res.writeHead(status, { 'content-type': `application/x-amz-json-${type}` }).end(JSON.stringify(out));
        if (target === 'AmazonSQS.SendMessage') {
          return reply(200, '1.0', { MessageId: `m-${this.calls.length}`, MD5OfMessageBody: createHash('md5').update(input.MessageBody).digest('hex') });
        }
        if (target === 'AmazonSSM.GetParameters') {
          const names: string[] = input.Names ?? [];
          return reply(200, '1.1', {
            Parameters: names.filter((n) => n in this.parameters).map((n) => ({ Name: n, Type: 'SecureString', Value: this.parameters[n], Version: 1 })),
            InvalidParameters: names.filter((n) => !(n in this.parameters)),
          });
        }
        reply(400, '1.0', { __type: 'UnknownOperationException', message: target });
      });
    });
    await new Promise<void>((ok) => this.server!.listen(0, '127.0.0.1', ok));
  }

  get endpoint(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  /** A queue URL on this fake: the SQS client sends to the host of the queue URL it is given. */
  queueUrl(name = 'gitops-guard-ReviewQueue'): string {
    return `${this.endpoint}/123456789012/${name}`;
  }

  /** What a function's environment needs to reach this fake instead of AWS. */
  get env(): Record<string, string> {
    return { AWS_ENDPOINT_URL_SSM: this.endpoint, AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'test-only', AWS_SECRET_ACCESS_KEY: 'test-only' };
  }

  sent(): { QueueUrl: string; MessageBody: string }[] {
    return this.calls.filter((c) => c.target === 'AmazonSQS.SendMessage').map((c) => c.input);
  }

  parameterReads(): { Names: string[]; WithDecryption?: boolean }[] {
    return this.calls.filter((c) => c.target === 'AmazonSSM.GetParameters').map((c) => c.input);
  }

  stop(): Promise<void> {
    return new Promise((ok) => (this.server ? this.server.close(() => ok()) : ok()));
  }
}
