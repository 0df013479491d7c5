// server/src/settings.ts: the one parse of ClaimNote's settings (the server's, later the CLI's).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadSettingsModule } from '../support/ts-module.mjs';

const { parseSettings, DEFAULT_SETTINGS } = loadSettingsModule();

test('no settings give the defaults: every rule at its own severity, fees at the standard factor, lenses and hints on', () => {
  for (const raw of [undefined, null, {}]) {
    const { settings, warnings } = parseSettings(raw);
    assert.deepEqual(settings, {
      rules: {},
      fees: { qualifyingApm: false },
      codeLens: { enabled: true },
      inlayHints: { enabled: true },
      data: {},
    });
    assert.deepEqual(warnings, []);
  }
  assert.deepEqual(parseSettings(undefined).settings, DEFAULT_SETTINGS);
});

test('a complete, valid section is taken as it is, without warnings (trace belongs to the client)', () => {
  const raw = {
    rules: { units: 'off', 'doc-exam': 'error', 'laterality-missing': 'hint' },
    fees: { qualifyingApm: true },
    codeLens: { enabled: false },
    inlayHints: { enabled: false },
    data: { folder: 'cms-files' },
    trace: { server: 'verbose' },
  };
  const { settings, warnings } = parseSettings(raw);
  assert.deepEqual(warnings, []);
  assert.deepEqual(settings, {
    rules: raw.rules,
    fees: { qualifyingApm: true },
    codeLens: { enabled: false },
    inlayHints: { enabled: false },
    data: { folder: 'cms-files' },
  });
});

test('bad values are dropped one by one, each named in a warning; the rest is kept', () => {
  const { settings, warnings } = parseSettings({
    rules: { units: 'off', 'no-such-rule': 'error', 'doc-tried': 'loud', 'doc-exam': 3 },
    fees: { qualifyingApm: 'yes' },
    codeLens: false,
    inlayHints: { enabled: 0 },
    data: { folder: 42 },
    colour: 'blue',
  });
  assert.deepEqual(settings, {
    rules: { units: 'off' },
    fees: { qualifyingApm: false },
    codeLens: { enabled: true },
    inlayHints: { enabled: true },
    data: {},
  });
  assert.deepEqual(warnings, [
    'claimnote.rules: ignoring no-such-rule="error": there is no such rule',
    'claimnote.rules: ignoring doc-tried="loud": the severity must be error, warning, info, hint or off',
    'claimnote.rules: ignoring doc-exam=3: the severity must be error, warning, info, hint or off',
    'claimnote.fees.qualifyingApm: ignoring a value that is not true or false',
    'claimnote.codeLens: ignoring a value that is not an object',
    'claimnote.inlayHints.enabled: ignoring a value that is not true or false',
    'claimnote.data.folder: ignoring a value that is not a path',
    'claimnote.colour: ignoring an unknown setting',
  ]);
});

test('rules that are not an object, and settings that are not an object, are ignored with a warning', () => {
  assert.deepEqual(parseSettings({ rules: ['units'] }).warnings, [
    'claimnote.rules: ignoring a value that is not an object of rule ids and severities',
  ]);
  const odd = parseSettings('units=off');
  assert.deepEqual(odd.settings, parseSettings(undefined).settings);
  assert.equal(odd.warnings.length, 1);
});

test('the parse returns fresh objects: changing its result leaves the defaults alone', () => {
  const { settings } = parseSettings({});
  settings.codeLens.enabled = false;
  assert.equal(parseSettings({}).settings.codeLens.enabled, true);
  assert.equal(DEFAULT_SETTINGS.codeLens.enabled, true);
});
