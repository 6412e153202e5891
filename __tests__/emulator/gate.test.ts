/**
 * The apply suite's gate (npm test runs this; the suite itself is
 * npm run test:apply): without the emulator it skips with a warning naming
 * what is missing and how to install it, unless REQUIRE_EMULATOR=1 (CI)
 * makes that a failure.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { emulatorOrSkip, emulatorRequired, findEmulator } from '../../test-support/emulator/emulator';

const NO_PYTHON = { EMULATOR_PYTHON: '/nonexistent/python3' };

describe('the AWS emulator gate', () => {
  afterEach(() => vi.restoreAllMocks());

  it('names a missing interpreter and the install command', () => {
    expect(findEmulator(NO_PYTHON)).toEqual({ missing: '/nonexistent/python3 not found (set EMULATOR_PYTHON to a Python with moto[server]: pip install "moto[server]==5.2.1")' });
  });

  it('skips loudly when the emulator is missing', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(emulatorOrSkip('apply suite', NO_PYTHON)).toBeUndefined();
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/^SKIPPED apply suite: the apply suite needs the AWS emulator: \/nonexistent\/python3 not found/));
  });

  it('fails instead with REQUIRE_EMULATOR=1', () => {
    expect(emulatorRequired({ REQUIRE_EMULATOR: '1' })).toBe(true);
    expect(() => emulatorOrSkip('apply suite', { ...NO_PYTHON, REQUIRE_EMULATOR: '1' })).toThrow(/needs the AWS emulator: .* \(required because REQUIRE_EMULATOR=1\)$/);
  });
});
