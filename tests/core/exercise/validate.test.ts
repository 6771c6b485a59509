import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { validateScenarioFile } from '../../../electron/core/exercise/scenarioFile';
import { validateScenario } from '../../../electron/core/exercise/validate';
import { worldOf, type ScenarioWorld } from '../../../electron/core/exercise/world';
import { seededCore, seededCoreFixture } from '../../support/tempCore';

/**
 * Scenario validation against the real seed directory in a real SQLite file (issue 10 item 1):
 * every problem is reported, each with its JSON path.
 */
const TUTORIAL_FILE = resolve(__dirname, '../../../resources/scenarios/tutorial.json');
const FRUS_FIXTURES = resolve(__dirname, '../../fixtures/frus');

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Doc = any;
const tutorial = (): Doc => JSON.parse(readFileSync(TUTORIAL_FILE, 'utf8')) as Doc;

let world: ScenarioWorld;
beforeAll(() => {
  const core = seededCore();
  try {
    world = worldOf(core.db);
  } finally {
    core.dispose();
  }
});

function problems(doc: Doc): { path: string; message: string }[] {
  const r = validateScenario(doc, world);
  return r.ok ? [] : [...r.problems];
}
const paths = (doc: Doc): string[] => problems(doc).map((p) => p.path);

/** A SECRET, Eyes Only cable from the Department to USRO for Finletter, with "USRO pass Embassy". */
function eyesOnlyCable(): Doc {
  const c = tutorial().cables.pass;
  return {
    ...c,
    ref: 'TOPOL 710',
    series: { indicator: 'TOPOL', number: 710 },
    classification: 'SECRET',
    captions: ['EYES_ONLY'],
    transmission: { ...c.transmission, eyesOnly: [{ person: 'finletter' }] },
    paragraphs: [{ n: null, portion: 'S', text: 'EXERCISE. For Finletter only.' }],
  };
}

describe('scenario validation', () => {
  const core = seededCoreFixture();

  test('the shipped Tutorial is valid against the seed directory', async () => {
    const c = core();
    const r = await validateScenarioFile(c.db, TUTORIAL_FILE);
    expect(r.problems).toEqual([]);
    expect(r.ok).toBe(true);
  });

  test('shape problems come with their JSON paths, inside inline cables too', () => {
    const doc = tutorial();
    delete doc.format;
    doc.clock.end = '10 minutes';
    doc.cables.flash.transmission.addressees[0].precedence = 'URGENT';
    doc.injects[1].bogus = true;
    expect(problems(doc)).toEqual([
      { path: 'format', message: expect.stringMatching(/expected "CABLEROOM-SCENARIO-1"/) },
      { path: 'clock.end', message: expect.stringMatching(/offset looks like|DTG looks like/) },
      { path: 'cables.flash.transmission.addressees[0].precedence', message: expect.stringMatching(/FLASH/) },
      { path: 'injects[1]', message: expect.stringMatching(/bogus/) },
    ]);
  });

  test('unknown stations, people, collectives, offices and personas are named where they are', () => {
    const doc = tutorial();
    doc.roles.push({ id: 'atlantis', post: 'AMEMBASSY ATLANTIS', function: 'principal', minClearance: 'SECRET' });
    doc.roles[0].office = 'CODE';
    doc.roles.push({
      id: 'paris',
      post: 'AMEMBASSY PARIS',
      function: 'duty officer',
      minClearance: 'SECRET',
      persona: 'trainee',
    });
    doc.roles.push({
      id: 'ghost',
      post: 'AMEMBASSY PARIS',
      function: 'principal',
      minClearance: 'SECRET',
      persona: 'nobody',
    });
    doc.injects[3].deliverTo = ['AMEMBASSY NOWHERE'];
    doc.cables.welcome.transmission.addressees.push({ collective: 'ALL MARS CAPITALS', role: 'INFO' });
    doc.cables.welcome.transmission.eyesOnly = [{ person: 'napoleon' }];
    doc.cables.pass.transmission.passes[0].to = 'AMEMBASSY ELBA';
    expect(problems(doc)).toEqual([
      { path: 'roles[0].office', message: 'No office "CODE" at USMISSION USNATO.' },
      { path: 'roles[1].post', message: 'Unknown station "AMEMBASSY ATLANTIS": not in the directory.' },
      { path: 'roles[2].persona', message: '"trainee" serves at USMISSION USNATO, not at AMEMBASSY PARIS.' },
      { path: 'roles[2].persona', message: '"trainee" is cleared CONFIDENTIAL, below the role\'s SECRET.' },
      { path: 'roles[3].persona', message: 'No account "nobody".' },
      {
        path: 'cables.welcome.transmission.addressees[1].collective',
        message: 'Unknown collective "ALL MARS CAPITALS".',
      },
      {
        path: 'cables.welcome.transmission.eyesOnly[0].person',
        message: 'Unknown person "napoleon" (transmission.eyesOnly[0].person).',
      },
      {
        path: 'cables.pass.transmission.passes[0].to',
        message: 'Unknown station "AMEMBASSY ELBA": not in the directory.',
      },
      { path: 'injects[3].deliverTo[0]', message: 'Unknown station "AMEMBASSY NOWHERE": not in the directory.' },
      // The pass expectation names Paris, which the cable no longer passes to.
      {
        path: 'expectations[2].kind',
        message:
          'Nothing to pass: TOPOL 703 has no pending pass instruction by USMISSION USNATO to AMEMBASSY PARIS (DOMAIN.md rule 17).',
      },
    ]);
  });

  test("a scenario's own stations are known stations", () => {
    const doc = tutorial();
    doc.roles.push({ id: 'ruritania', post: 'AMEMBASSY STRELSAU', function: 'principal', minClearance: 'SECRET' });
    expect(paths(doc)).toEqual(['roles[1].post']);
    expect(problems(doc)[0]!.message).toBe('Unknown station "AMEMBASSY STRELSAU": not in the directory.');
    doc.stations = [{ plad: 'AMEMBASSY STRELSAU', name: 'American Embassy Strelsau' }];
    expect(problems(doc)).toEqual([]);
  });

  test('references to injects, expectations, objectives and cables that do not exist', () => {
    const doc = tutorial();
    doc.injects[2].after = { inject: 'flahs', delay: 1 };
    doc.injects[3].unless = 'ack-flahs';
    doc.injects[3].cable = 'remindr';
    doc.injects[0].objectives = ['reeding'];
    doc.expectations[0].inject = 'welcom';
    doc.expectations[1].objective = 'handlin';
    doc.expectations[2].who = 'AMEMBASSY PARIS';
    doc.expectations[3].who = 'nobody';
    expect(problems(doc)).toEqual([
      { path: 'injects[0].objectives[0]', message: 'No objective "reeding".' },
      { path: 'injects[2].after.inject', message: 'No inject "flahs".' },
      { path: 'injects[3].cable', message: 'No cable "remindr" in "cables".' },
      { path: 'injects[3].unless', message: 'No expectation "ack-flahs".' },
      { path: 'expectations[0].inject', message: 'No inject "welcom".' },
      { path: 'expectations[1].objective', message: 'No objective "handlin".' },
      { path: 'expectations[2].who', message: 'No role of the scenario is at AMEMBASSY PARIS.' },
      { path: 'expectations[3].who', message: '"nobody" is neither a role id nor a post of the scenario.' },
    ]);
  });

  test('an after on the wrong expectation, on a never expectation, or on itself', () => {
    const doc = tutorial();
    doc.injects[2].after = { inject: 'flash', expectation: 'open-welcome', delay: 1 };
    doc.injects[3] = { ...doc.injects[3], at: undefined, unless: 'no-denials', after: { inject: 'reminder' } };
    delete doc.injects[3].at;
    expect(problems(doc)).toEqual([
      {
        path: 'injects[2].after.expectation',
        message: 'Expectation "open-welcome" belongs to inject "welcome", not "flash".',
      },
      { path: 'injects[3].after.inject', message: 'An inject cannot come after itself.' },
      { path: 'injects[3].unless', message: '"no-denials" is a never expectation: it is never met.' },
    ]);
  });

  test('a cycle in after is reported once, at its first inject, with the whole cycle', () => {
    const doc = tutorial();
    doc.injects[0] = { id: 'welcome', after: { inject: 'reminder', delay: 1 }, cable: 'welcome' };
    doc.injects[3] = { id: 'reminder', after: { inject: 'pass', delay: 1 }, cable: 'reminder' };
    doc.injects[2].after = { inject: 'welcome', delay: 1 };
    expect(problems(doc)).toEqual([
      {
        path: 'injects[0].after.inject',
        message: 'A cycle in "after": welcome after reminder after pass after welcome.',
      },
    ]);
  });

  test('duplicate ids in every list', () => {
    const doc = tutorial();
    doc.roles.push({ ...doc.roles[0] });
    doc.objectives.push({ ...doc.objectives[1] });
    doc.injects.push({ ...doc.injects[0] });
    doc.expectations.push({ ...doc.expectations[0] });
    doc.debrief.push({ ...doc.debrief[0] });
    doc.cables.again = { ...doc.cables.welcome };
    doc.stations = [
      { plad: 'AMEMBASSY STRELSAU', name: 'American Embassy Strelsau' },
      { plad: 'AMEMBASSY STRELSAU', name: 'Again' },
    ];
    expect(problems(doc)).toEqual([
      { path: 'stations[1].plad', message: 'Duplicate station "AMEMBASSY STRELSAU".' },
      { path: 'roles[1].id', message: 'Duplicate role "trainee".' },
      { path: 'objectives[4].id', message: 'Duplicate objective "handling".' },
      { path: 'injects[4].id', message: 'Duplicate inject "welcome".' },
      { path: 'expectations[5].id', message: 'Duplicate expectation "open-welcome".' },
      { path: 'debrief[2].id', message: 'Duplicate question "why-ack".' },
      { path: 'cables.again', message: 'The reference TOPOL 701 is also the cable "welcome".' },
    ]);
  });

  test('times before the start, after the end, out of order, and an end before the start', () => {
    const doc = tutorial();
    doc.injects[0].at = '290859Z OCT 62'; // a minute before the start
    doc.injects[1].at = '+00:11'; // after the end at +00:10
    doc.injects[2].after.delay = 9; // after ack-flash of the flash, now at +00:11: +00:20 at the earliest
    expect(problems(doc)).toEqual([
      { path: 'injects[0].at', message: '290859Z OCT 62 is before the scenario start (290900Z OCT 62).' },
      { path: 'injects[1].at', message: "+00:11 is after the scenario's end (+00:10)." },
      { path: 'injects[2].after', message: 'At the earliest it comes at +00:20, after the end (+00:10).' },
      {
        path: 'injects[3].unless',
        message:
          'Out of order: "ack-flash" belongs to inject "flash", which comes after this one, so it cannot be met when this one is due.',
      },
    ]);
    const backwards = tutorial();
    backwards.clock.end = '290800Z OCT 62';
    backwards.clock.start = '310900Z FEB 62'; // no 31 February
    expect(problems(backwards)).toEqual([
      { path: 'clock.start', message: '"310900Z FEB 62" is not a date (DOMAIN.md rule 22).' },
    ]);
    backwards.clock.start = '290900Z OCT 62';
    expect(problems(backwards)).toEqual(
      expect.arrayContaining([{ path: 'clock.end', message: 'The end is not after the start.' }]),
    );
  });

  test('an expectation nobody can meet: no role in who may read the cable (the real access decision)', () => {
    const doc = tutorial();
    doc.cables.secret = eyesOnlyCable();
    doc.injects.push({ id: 'secret', at: '+00:04', cable: 'secret' });
    doc.roles.push(
      { id: 'duty', post: 'USMISSION USNATO', function: 'duty officer', minClearance: 'SECRET', persona: 'duty-usro' },
      {
        id: 'finletter',
        post: 'USMISSION USNATO',
        function: 'principal',
        minClearance: 'TOP_SECRET',
        persona: 'finletter',
      },
      { id: 'desk', post: 'USMISSION USNATO', function: 'desk officer', minClearance: 'SECRET', office: 'POL' },
    );
    // Only Finletter may open it: the trainee is not cleared, the duty officer not named (rule 14).
    doc.expectations.push(
      { id: 'trainee-opens', inject: 'secret', kind: 'open', who: 'trainee', within: 5, points: 1 },
      { id: 'duty-opens', inject: 'secret', kind: 'open', who: 'duty', within: 5, points: 1 },
      { id: 'finletter-opens', inject: 'secret', kind: 'open', who: 'finletter', within: 5, points: 1 },
      { id: 'post-any', inject: 'secret', kind: 'open', who: 'USMISSION USNATO', within: 5, points: 1 },
      { id: 'post-all', inject: 'secret', kind: 'open', who: 'USMISSION USNATO', mode: 'all', within: 5, points: 1 },
      { id: 'duty-passes', inject: 'secret', kind: 'pass', who: 'duty', within: 5, points: 1 },
      { id: 'desk-passes', inject: 'secret', kind: 'pass', who: 'desk', within: 5, points: 1 },
    );
    const found = problems(doc);
    // post-any (8) is met by Finletter; the rest are not. The duty officer of USRO's
    // communications office passes it sealed, unread (10; rules 14, 17); a desk officer of the
    // political section may neither read nor pass it (11).
    expect(found.map((p) => p.path)).toEqual([
      'expectations[5].who',
      'expectations[6].who',
      'expectations[9].who',
      'expectations[11].who',
    ]);
    expect(found[0]!.message).toBe(
      'Nobody can meet it: no role in "trainee" may read TOPOL 710 (inject "secret"). ' +
        'role "trainee" (CONFIDENTIAL at USMISSION USNATO): Your clearance (CONFIDENTIAL) does not reach this cable\'s classification.',
    );
    expect(found[1]!.message).toMatch(/^Nobody can meet it: .*role "duty" \(SECRET at USMISSION USNATO\): EYES ONLY/);
    expect(found[2]!.message).toMatch(/^Not everyone in "USMISSION USNATO" may read TOPOL 710.*mode is "all"/);
    expect(found[2]!.message).toContain('role "trainee"');
    expect(found[2]!.message).toContain('role "duty"');
    expect(found[2]!.message).not.toContain('role "finletter"');
    expect(found[3]!.message).toMatch(/^Nobody can meet it: no role in "desk" may pass TOPOL 710 .*EYES ONLY/);
  });

  test('a role is judged at its least clearance, and a NOFORN cable is never met by a foreign national', () => {
    const doc = tutorial();
    doc.roles[0].minClearance = 'UNCLASSIFIED';
    doc.roles[0].persona = undefined;
    delete doc.roles[0].persona;
    doc.cables.welcome.dissem = ['NOFORN'];
    doc.roles.push({
      id: 'liaison',
      post: 'USMISSION USNATO',
      function: 'desk officer',
      minClearance: 'SECRET',
      persona: 'liaison',
    });
    doc.expectations.push({
      id: 'liaison-opens',
      inject: 'welcome',
      kind: 'open',
      who: 'liaison',
      within: 3,
      points: 1,
    });
    const found = problems(doc);
    expect(found.map((p) => p.path)).toEqual([
      'expectations[1].who', // the CONFIDENTIAL FLASH, for an UNCLASSIFIED role
      'expectations[2].who',
      'expectations[3].who',
      'expectations[5].who',
    ]);
    expect(found[3]!.message).toContain('NOFORN');
  });

  test('acknowledge needs FLASH or NIACT to an action addressee (rule 8)', () => {
    const doc = tutorial();
    doc.expectations[1].inject = 'welcome';
    expect(problems(doc)).toEqual([
      {
        path: 'injects[2].after.expectation',
        message: 'Expectation "ack-flash" belongs to inject "welcome", not "flash".',
      },
      {
        path: 'expectations[1].kind',
        message:
          'Nothing to acknowledge: TOPOL 701 is not FLASH or NIACT to USMISSION USNATO as action addressee (DOMAIN.md rule 8).',
      },
    ]);
    doc.cables.welcome.transmission.addressees[0].niact = true;
    doc.injects[2].after.inject = 'welcome';
    expect(problems(doc)).toEqual([]);
  });
});

describe('FRUS references', () => {
  const core = seededCoreFixture();

  test('a FRUS telegram is read from frus/ beside the scenario and checked like an inline cable', async () => {
    const c = core();
    const dir = join(c.dir, 'scenario');
    mkdirSync(join(dir, 'frus', 'frus1961-63v11'), { recursive: true });
    copyFileSync(join(FRUS_FIXTURES, 'frus1961-63v11', 'd100.xml'), join(dir, 'frus', 'frus1961-63v11', 'd100.xml'));
    const doc = tutorial();
    doc.cables.topol = { frus: 'frus1961-63v11', doc: 100 };
    doc.cables.missing = { frus: 'frus1961-63v11', doc: 99999 };
    doc.roles.push({
      id: 'finletter',
      post: 'USMISSION USNATO',
      function: 'principal',
      minClearance: 'TOP_SECRET',
      persona: 'finletter',
    });
    doc.injects.push({ id: 'topol', at: '+00:01', cable: 'topol' });
    doc.expectations.push(
      { id: 'finletter-opens', inject: 'topol', kind: 'open', who: 'finletter', within: 10, points: 10 },
      { id: 'trainee-opens', inject: 'topol', kind: 'open', who: 'trainee', within: 10, points: 10 },
    );
    const file = join(dir, 'black-saturday.json');
    writeFileSync(file, JSON.stringify(doc));
    const r = await validateScenarioFile(c.db, file);
    expect(r.problems.map((p) => p.path)).toEqual(['cables.missing', 'expectations[6].who']);
    expect(r.problems[0]!.message).toMatch(/^FRUS frus1961-63v11 doc\. 99999 was not found in /);
    // TOPOL 578 is SECRET, Eyes Only for Finletter: the trainee can never open it.
    expect(r.problems[1]!.message).toMatch(/no role in "trainee" may read TOPOL 578/);

    // Without those two, it is valid, and the result carries the telegram for the delivery.
    delete doc.cables.missing;
    doc.expectations.pop();
    writeFileSync(file, JSON.stringify(doc));
    const valid = await validateScenarioFile(c.db, file);
    expect(valid.problems).toEqual([]);
    if (!valid.ok) throw new Error('expected a valid scenario');
    expect(valid.cables.topol).toMatchObject({ ref: 'TOPOL 578', classification: 'SECRET', captions: ['EYES_ONLY'] });
    expect(valid.cables.flash!.ref).toBe('TOPOL 702');
  });

  test('a missing scenario file is NOT_FOUND; a file that is not JSON is a problem at the document', async () => {
    const c = core();
    await expect(validateScenarioFile(c.db, join(c.dir, 'nope.json'))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const file = join(c.dir, 'bad.json');
    writeFileSync(file, '{ "format": ');
    const r = await validateScenarioFile(c.db, file);
    expect(r.ok).toBe(false);
    expect(r.problems).toEqual([{ path: '', message: expect.stringMatching(/^Not JSON: /) }]);
  });
});
