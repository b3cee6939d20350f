// Runs the real openssl binary on files in a private temp directory; the receiving side of
// the portal decrypts with OpenSSL-based tooling, so it is the reference we test against.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const OPENSSL = process.env['OPENSSL'] ?? 'openssl';

export class OpensslWorkspace {
  readonly dir = mkdtempSync(join(tmpdir(), 'meldeportal-crypto-'));

  path(name: string): string {
    return join(this.dir, name);
  }

  write(name: string, data: string | Uint8Array): string {
    const path = this.path(name);
    writeFileSync(path, data);
    return path;
  }

  read(name: string): Buffer {
    return readFileSync(this.path(name));
  }

  /** Runs openssl with cwd in the workspace; returns stdout. Throws (with stderr) on failure. */
  run(args: string[]): Buffer {
    return execFileSync(OPENSSL, args, {
      cwd: this.dir,
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 64 * 1024 * 1024,
    });
  }

  text(args: string[]): string {
    return this.run(args).toString('utf8');
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
