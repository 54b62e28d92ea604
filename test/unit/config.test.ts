import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_CONFIG, parseConfig } from '../../src/config/config.js';

describe('config', () => {
  it('merges a valid file over the defaults', () => {
    const c = parseConfig('failOn: medium\nnamespaces:\n  jobs: [batch]\n', '.gitops-guard.yml');
    expect(c.failOn).toBe('medium');
    expect(c.namespaces.jobs).toEqual(['batch']);
    expect(c.namespaces.platform).toEqual(DEFAULT_CONFIG.namespaces.platform);
  });

  it('names the unknown key and its line', () => {
    const text = 'failOn: high\nreview:\n  event: COMMENT\n  colour: red\n';
    expect(() => parseConfig(text, '.github/gitops-guard.yml')).toThrow(ConfigError);
    try {
      parseConfig(text, '.github/gitops-guard.yml');
    } catch (e) {
      expect((e as ConfigError).line).toBe(4);
      expect((e as Error).message).toContain('review.colour');
      expect((e as Error).message).toContain('.github/gitops-guard.yml:4');
    }
  });

  it('reports a bad enum value on its line', () => {
    try {
      parseConfig('\n\nfailOn: sometimes\n', '.gitops-guard.yml');
      expect.unreachable();
    } catch (e) {
      expect((e as ConfigError).line).toBe(3);
      expect((e as Error).message).toContain('failOn');
    }
  });

  it('reports invalid YAML with its line', () => {
    expect(() => parseConfig('a: [1, 2\nb: c\n', 'x.yml')).toThrow(/x\.yml:\d+: invalid YAML/);
  });
});
