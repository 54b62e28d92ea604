// Preloaded into the CLI by the hostile tests: prints the process's peak resident set (KiB) on exit.
process.on('exit', () => process.stderr.write(`\ngitops-guard-test-maxrss=${process.resourceUsage().maxRSS}\n`));
