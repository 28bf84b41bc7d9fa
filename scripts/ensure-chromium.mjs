// Browser tests drive Debian's chromium (playwright cannot download browsers here). Installs it when missing
// and running as root; otherwise stops with the exact command to run. Never skips silently.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

if (!existsSync(CHROMIUM)) {
  const command = 'apt-get update && apt-get install -y --no-install-recommends chromium';
  if (typeof process.getuid === 'function' && process.getuid() === 0) {
    console.log(`[setup] ${CHROMIUM} is missing; installing Debian's chromium: ${command}`);
    execFileSync('bash', ['-c', `export DEBIAN_FRONTEND=noninteractive; ${command}`], { stdio: 'inherit' });
  } else {
    console.error(
      `[setup] The browser tests need Debian's chromium at ${CHROMIUM}. Install it with:\n  sudo ${command}`,
    );
    process.exit(1);
  }
}
