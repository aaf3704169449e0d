/** Which emulators a multi-platform build needs on this runner. Pure. */

/** Architectures a host runs natively, by Node's process.arch. */
const NATIVE: Readonly<Record<string, readonly string[]>> = {
  x64: ['amd64', '386'],
  arm64: ['arm64'],
  arm: ['arm'],
  ppc64: ['ppc64le'],
  s390x: ['s390x'],
  riscv64: ['riscv64']
};

/** binfmt_misc entry names (qemu-<name>) per platform architecture, as tonistiigi/binfmt registers them. */
const BINFMT_NAME: Readonly<Record<string, string>> = {
  amd64: 'x86_64',
  '386': 'i386',
  arm64: 'aarch64',
  arm: 'arm',
  ppc64le: 'ppc64le',
  s390x: 's390x',
  riscv64: 'riscv64',
  mips64le: 'mips64el',
  mips64: 'mips64',
  loong64: 'loongarch64'
};

export function architectureOf(platform: string): string {
  return platform.split('/')[1] ?? '';
}

/**
 * Architectures to install emulators for: requested, not native, and not already registered in
 * binfmt_misc (`registered` holds entry names such as qemu-aarch64).
 */
export function emulatorsToInstall(
  platforms: readonly string[],
  hostArch: string,
  registered: readonly string[]
): string[] {
  const native = NATIVE[hostArch] ?? [];
  const missing = new Set<string>();
  for (const platform of platforms) {
    const arch = architectureOf(platform);
    if (native.includes(arch)) continue;
    const entry = `qemu-${BINFMT_NAME[arch] ?? arch}`;
    if (!registered.includes(entry)) missing.add(arch);
  }
  return [...missing];
}

/**
 * A binfmt_misc entry (the text of /proc/sys/fs/binfmt_misc/qemu-<arch>) that works for builds: enabled, and with
 * the F flag (the interpreter is opened when registered, so it runs inside containers that do not have it). A
 * disabled entry, or one without F, ends in "exec format error" or a missing interpreter in the RUN step.
 */
export function isUsableEmulator(entry: string): boolean {
  const lines = entry.split('\n').map(line => line.trim());
  const flags = lines.find(line => line.startsWith('flags:'))?.slice('flags:'.length) ?? '';
  return lines[0] === 'enabled' && flags.includes('F');
}
