import {InputError} from '../../../src/core/errors.js';
import {
  architectureOf,
  displayPlatform,
  emulatorsToInstall,
  isUsableEmulator,
  normalizePlatform,
  parsePlatforms,
  platformSlug
} from '../../../src/core/platforms.js';

describe('isUsableEmulator', () => {
  // /proc/sys/fs/binfmt_misc/qemu-aarch64 as bookworm's qemu-user-static registers it, then disabled, then without F.
  const registered = [
    'enabled',
    'interpreter /usr/libexec/qemu-binfmt/aarch64-binfmt-P',
    'flags: PF',
    'offset 0',
    'magic 7f454c460201010000000000000000000200b700',
    'mask ffffffffffffff00fffffffffffffffffeffffff',
    ''
  ].join('\n');
  it('counts an enabled entry with the F flag', () => {
    expect(isUsableEmulator(registered)).toBe(true);
  });
  it('does not count a disabled one, or one without F', () => {
    expect(isUsableEmulator(registered.replace('enabled', 'disabled'))).toBe(false);
    expect(isUsableEmulator(registered.replace('flags: PF', 'flags: P'))).toBe(false);
  });
});

describe('emulatorsToInstall', () => {
  it('installs nothing for native platforms', () => {
    expect(emulatorsToInstall(['linux/amd64', 'linux/386'], 'x64', [])).toEqual([]);
    expect(emulatorsToInstall(['linux/arm64'], 'arm64', [])).toEqual([]);
  });

  it('installs only what binfmt_misc does not already have', () => {
    expect(
      emulatorsToInstall(['linux/amd64', 'linux/arm64', 'linux/arm/v7', 'linux/riscv64'], 'x64', ['qemu-aarch64'])
    ).toEqual(['arm', 'riscv64']);
  });

  it('asks once per architecture', () => {
    expect(emulatorsToInstall(['linux/arm/v6', 'linux/arm/v7'], 'x64', [])).toEqual(['arm']);
  });

  it('emulates amd64 on an arm64 runner', () => {
    expect(emulatorsToInstall(['linux/amd64', 'linux/arm64'], 'arm64', [])).toEqual(['amd64']);
  });
});

describe('normalizePlatform (containerd rules, as BuildKit records platforms)', () => {
  it.each([
    ['linux/arm', 'linux/arm/v7'],
    ['linux/arm/7', 'linux/arm/v7'],
    ['linux/armhf', 'linux/arm/v7'],
    ['linux/armel', 'linux/arm/v6'],
    ['linux/arm64/v8', 'linux/arm64'],
    ['linux/aarch64', 'linux/arm64'],
    ['linux/x86_64', 'linux/amd64'],
    ['linux/amd64/v1', 'linux/amd64'],
    ['linux/amd64/v3', 'linux/amd64/v3'],
    ['linux/i386', 'linux/386'],
    ['Linux/S390X', 'linux/s390x']
  ])('%s is %s', (given, normalized) => {
    expect(normalizePlatform(given)).toBe(normalized);
    expect(displayPlatform(platformSlug(given))).toBe(normalized);
  });
});

describe('parsePlatforms', () => {
  it('lowercases, keeps the order and drops duplicates', () => {
    const items = ['linux/AMD64', 'linux/arm64', 'linux/amd64', 'linux/arm/v7'].map((value, index) => ({
      value,
      line: index + 1
    }));
    expect(parsePlatforms(items)).toEqual(['linux/amd64', 'linux/arm64', 'linux/arm/v7']);
  });

  it('names the line of what is not os/arch[/variant]', () => {
    const error = (() => {
      try {
        parsePlatforms([
          {value: 'linux/amd64', line: 1},
          {value: 'arm64', line: 2}
        ]);
      } catch (thrown) {
        return thrown;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toMatch(/^input "platforms", line 2: not a platform: "arm64"/);
  });

  it("reads the architecture after containerd's normalisation", () => {
    expect(architectureOf('linux/aarch64')).toBe('arm64');
    expect(architectureOf('linux/x86_64')).toBe('amd64');
  });
});
