/**
 * Platforms (os/arch[/variant]): read from the input, normalised as containerd normalises what BuildKit records,
 * turned into the slug of a handoff name and back for display, and mapped to the QEMU emulators a build needs on
 * this runner. Pure.
 */
import {InputError} from './errors.js';
import type {ListItem} from './input-lists.js';

const PLATFORM_PATTERN = /^[a-z0-9_-]+(\/[a-z0-9_.-]+){1,2}$/;

/** Platforms as buildx takes them (os/arch[/variant]), lowercased, duplicates dropped. */
export function parsePlatforms(items: readonly ListItem[]): string[] {
  const platforms: string[] = [];
  for (const item of items) {
    const platform = item.value.toLowerCase();
    if (!PLATFORM_PATTERN.test(platform)) {
      throw new InputError(
        'platforms',
        item.value,
        'not a platform',
        'Write os/arch or os/arch/variant, such as linux/amd64, linux/arm64 or linux/arm/v7.',
        item.line
      );
    }
    if (!platforms.includes(platform)) platforms.push(platform);
  }
  return platforms;
}

export function platformSlug(platform: string): string {
  return normalizePlatform(platform).replace(/\//g, '-');
}

export function displayPlatform(slug: string): string {
  return slug.replace(/-/g, '/');
}

/**
 * containerd's platform normalization, which BuildKit applies to what it records in images: architecture
 * aliases, arm without variant is arm/v7, arm64/v8 is arm64.
 */
export function normalizePlatform(platform: string): string {
  const [os = '', architecture = '', givenVariant = ''] = platform.toLowerCase().split('/');
  let arch = architecture;
  let variant = givenVariant;
  switch (architecture) {
    case 'i386':
      arch = '386';
      variant = '';
      break;
    case 'x86_64':
    case 'x86-64':
    case 'amd64':
      arch = 'amd64';
      if (variant === 'v1') variant = '';
      break;
    case 'aarch64':
    case 'arm64':
      arch = 'arm64';
      if (variant === '8' || variant === 'v8') variant = '';
      break;
    case 'armhf':
      arch = 'arm';
      variant = 'v7';
      break;
    case 'armel':
      arch = 'arm';
      variant = 'v6';
      break;
    case 'arm':
      if (variant === '') variant = 'v7';
      else if (/^[5-8]$/.test(variant)) variant = `v${variant}`;
      break;
  }
  return [os, arch, variant].filter(part => part !== '').join('/');
}

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
  return normalizePlatform(platform).split('/')[1] ?? '';
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
