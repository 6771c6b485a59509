import type { z } from 'zod';
import {
  COMMUNICATIONS_OFFICE,
  decideAccess,
  decideHandling,
  type AccessDelivery,
  type AccessObject,
  type AccessSubject,
} from '../../domain/access';
import type { EyesOnlyEntry } from '../../domain/captions';
import { classificationRank } from '../../domain/classification';
import { parseDtg } from '../../domain/dtg';
import { formatOffset, minutesFromStart } from '../../domain/exercise/time';
import type { CableInput } from '../../contract/cableInput';
import {
  isFrusReference,
  scenarioSchema,
  type FrusReference,
  type Scenario,
  type ScenarioExpectation,
  type ScenarioInject,
  type ScenarioProblem,
  type ScenarioRole,
  type ScenarioValidation,
} from '../../contract/scenario';
import type { ScenarioWorld, WorldStation } from './world';

/**
 * Scenario validation (issue 10 item 1; EXERCISES.md §2): the zod shape first, then everything
 * that needs the rest of the document or the directory — unknown stations, people, collectives,
 * offices and personas; duplicate ids; references to injects, expectations, objectives and cables
 * that do not exist; cycles in `after`; times before the start, after the end or out of order;
 * and expectations nobody can meet because no role in `who` may read the cable, decided by the
 * real access decision (domain/access.ts). Pure: the directory comes in as a `ScenarioWorld` and
 * FRUS references already resolved (scenarioFile.ts does the reading). Every problem is reported,
 * each with its JSON path; the semantic checks run once the shape is right.
 */

/** A FRUS reference resolved: the telegram as the importer maps it, or why it could not be read. */
export type FrusResolution = Readonly<{ cable: CableInput }> | Readonly<{ problem: string }>;
export type FrusLookup = ReadonlyMap<string, FrusResolution>;

export function frusKey(ref: FrusReference): string {
  return `${ref.frus}#${ref.doc}`;
}

/** `injects[2].after.inject`, `cables["tutorial-flash"].dtg`; '' for the document itself. */
export function jsonPath(segments: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const s of segments) {
    if (typeof s === 'number') out += `[${s}]`;
    else if (typeof s === 'string' && /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(s)) out += out === '' ? s : `.${s}`;
    else out += `[${JSON.stringify(String(s))}]`;
  }
  return out;
}

type Issue = z.core.$ZodIssue;

/** zod issues as problems; of a union's branches only the closest (fewest issues) is reported. */
function shapeProblems(issues: ReadonlyArray<Issue>, prefix: ReadonlyArray<PropertyKey> = []): ScenarioProblem[] {
  const out: ScenarioProblem[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      const closest = [...issue.errors].sort((a, b) => a.length - b.length)[0]!;
      out.push(...shapeProblems(closest, path));
    } else out.push({ path: jsonPath(path), message: issue.message });
  }
  return out;
}

export function validateScenario(doc: unknown, world: ScenarioWorld, frus: FrusLookup = new Map()): ScenarioValidation {
  const parsed = scenarioSchema.safeParse(doc);
  if (!parsed.success) return { ok: false, problems: shapeProblems(parsed.error.issues) };
  const cables = new Map<string, CableInput>();
  const problems = checkScenario(parsed.data, world, frus, cables);
  return problems.length === 0
    ? { ok: true, scenario: parsed.data, cables: Object.fromEntries(cables), problems: [] }
    : { ok: false, problems };
}

/** The checks beyond the shape, on a document that has it. */
export function checkScenario(
  s: Scenario,
  world: ScenarioWorld,
  frus: FrusLookup,
  cables: Map<string, CableInput> = new Map(),
): ScenarioProblem[] {
  const problems: ScenarioProblem[] = [];
  const report = (path: string, message: string): void => void problems.push({ path, message });
  const ctx = new Context(s, world, report);

  const lists: ReadonlyArray<readonly [string, string, string, ReadonlyArray<string>]> = [
    ['stations', 'plad', 'station', s.stations.map((x) => x.plad)],
    ['roles', 'id', 'role', s.roles.map((x) => x.id)],
    ['objectives', 'id', 'objective', s.objectives.map((x) => x.id)],
    ['injects', 'id', 'inject', s.injects.map((x) => x.id)],
    ['expectations', 'id', 'expectation', s.expectations.map((x) => x.id)],
    ['debrief', 'id', 'question', s.debrief.map((x) => x.id)],
  ];
  for (const [list, field, what, values] of lists) ctx.duplicates(values, list, field, what);

  // The clock: a real start, an end after it.
  const start = parseDtg(s.clock.start);
  if (!start) report('clock.start', `"${s.clock.start}" is not a date (DOMAIN.md rule 22).`);
  const endMin = start ? minutesFromStart(s.clock.end, start) : null;
  if (start && endMin === null) report('clock.end', `"${s.clock.end}" is not a date (DOMAIN.md rule 22).`);
  if (endMin !== null && endMin <= 0) report('clock.end', 'The end is not after the start.');

  s.roles.forEach((r, i) => ctx.checkRole(r, `roles[${i}]`));

  // Cables: inline ones in place, FRUS references as resolved (filled into `cables` for the caller).
  const refs = new Map<string, string>();
  for (const [key, entry] of Object.entries(s.cables)) {
    const path = jsonPath(['cables', key]);
    if (isFrusReference(entry)) {
      const resolved = frus.get(frusKey(entry));
      if (!resolved) report(path, `FRUS ${entry.frus} doc. ${entry.doc} was not looked up.`);
      else if ('problem' in resolved) report(path, resolved.problem);
      else {
        ctx.checkCable(resolved.cable, path, `(FRUS ${entry.frus} doc. ${entry.doc}) `);
        cables.set(key, resolved.cable);
      }
    } else {
      ctx.checkCable(entry, path, '');
      cables.set(key, entry);
    }
    const cable = cables.get(key);
    if (cable) {
      const ref = cable.ref.trim().toUpperCase().replace(/\s+/g, ' ');
      const other = refs.get(ref);
      if (other !== undefined) report(path, `The reference ${ref} is also the cable "${other}".`);
      else refs.set(ref, key);
    }
  }

  // Injects.
  const objectiveIds = new Set(s.objectives.map((o) => o.id));
  const injectIndex = new Map(s.injects.map((x, i) => [x.id, i]));
  const expectationById = new Map(s.expectations.map((e) => [e.id, e]));
  s.injects.forEach((inj, i) => {
    const path = `injects[${i}]`;
    if (!(inj.cable in s.cables)) report(`${path}.cable`, `No cable "${inj.cable}" in "cables".`);
    inj.deliverTo?.forEach((plad, j) => ctx.station(plad, `${path}.deliverTo[${j}]`));
    inj.objectives.forEach((o, j) => {
      if (!objectiveIds.has(o)) report(`${path}.objectives[${j}]`, `No objective "${o}".`);
    });
    if (inj.at !== undefined && start) {
      const at = minutesFromStart(inj.at, start);
      if (at === null) report(`${path}.at`, `"${inj.at}" is not a date (DOMAIN.md rule 22).`);
      else if (at < 0) report(`${path}.at`, `${inj.at} is before the scenario start (${s.clock.start}).`);
      else if (endMin !== null && endMin > 0 && at > endMin) {
        report(`${path}.at`, `${inj.at} is after the scenario's end (${s.clock.end}).`);
      }
    }
    if (inj.after) {
      const pred = inj.after.inject;
      if (pred === inj.id) report(`${path}.after.inject`, 'An inject cannot come after itself.');
      else if (!injectIndex.has(pred)) report(`${path}.after.inject`, `No inject "${pred}".`);
      const exp = inj.after.expectation;
      if (exp !== undefined) {
        const e = expectationById.get(exp);
        if (!e) report(`${path}.after.expectation`, `No expectation "${exp}".`);
        else if (e.kind === 'never')
          report(`${path}.after.expectation`, `"${exp}" is a never expectation: it is never met.`);
        else if (e.inject !== pred && injectIndex.has(pred)) {
          report(`${path}.after.expectation`, `Expectation "${exp}" belongs to inject "${e.inject}", not "${pred}".`);
        }
      }
    }
    if (inj.unless !== undefined) {
      const e = expectationById.get(inj.unless);
      if (!e) report(`${path}.unless`, `No expectation "${inj.unless}".`);
      else if (e.kind === 'never') report(`${path}.unless`, `"${inj.unless}" is a never expectation: it is never met.`);
      else if (e.inject === inj.id)
        report(`${path}.unless`, `"${inj.unless}" is an expectation of this inject itself.`);
    }
  });

  // Cycles in `after`, then the earliest time of every inject.
  const cyclic = ctx.afterCycles(injectIndex);
  const earliest = new Map<string, number | null>();
  const earliestOf = (id: string): number | null => {
    if (earliest.has(id)) return earliest.get(id)!;
    const inj = s.injects[injectIndex.get(id)!]!;
    let t: number | null = null;
    if (inj.at !== undefined && start) t = minutesFromStart(inj.at, start);
    else if (inj.after && !cyclic.has(id) && injectIndex.has(inj.after.inject) && inj.after.inject !== id) {
      const before = earliestOf(inj.after.inject);
      t = before === null ? null : before + inj.after.delay;
    }
    earliest.set(id, t);
    return t;
  };
  s.injects.forEach((inj, i) => {
    const t = earliestOf(inj.id);
    if (inj.after && t !== null && endMin !== null && endMin > 0 && t > endMin) {
      report(
        `injects[${i}].after`,
        `At the earliest it comes at ${formatOffset(Math.round(t))}, after the end (${s.clock.end}).`,
      );
    }
    const e = inj.unless !== undefined ? expectationById.get(inj.unless) : undefined;
    if (e && e.kind !== 'never' && injectIndex.has(e.inject)) {
      const other = earliestOf(e.inject);
      if (t !== null && other !== null && other > t) {
        report(
          `injects[${i}].unless`,
          `Out of order: "${inj.unless}" belongs to inject "${e.inject}", which comes after this one, so it cannot be met when this one is due.`,
        );
      }
    }
  });

  // Expectations.
  s.expectations.forEach((e, i) => {
    const path = `expectations[${i}]`;
    const inj = e.inject !== undefined ? s.injects[injectIndex.get(e.inject) ?? -1] : undefined;
    if (e.inject !== undefined && !inj) report(`${path}.inject`, `No inject "${e.inject}".`);
    if (e.objective !== undefined && !objectiveIds.has(e.objective)) {
      report(`${path}.objective`, `No objective "${e.objective}".`);
    }
    const who = ctx.who(e.who, `${path}.who`);
    if (e.kind === 'pass' && e.to !== undefined) ctx.station(e.to, `${path}.to`);
    if (e.kind === 'repeat') e.to.forEach((plad, j) => ctx.station(plad, `${path}.to[${j}]`));
    const cable = inj ? cables.get(inj.cable) : undefined;
    if (e.kind === 'never' || !inj || !cable || who.length === 0) return;
    ctx.checkReadable(e, who, cable, inj, path);
    if (e.kind === 'acknowledge') ctx.checkAcknowledge(e, who, cable, inj, path);
    if (e.kind === 'pass') ctx.checkPass(e, who, cable, path);
  });

  return problems;
}

type Report = (path: string, message: string) => void;

class Context {
  /** Every station the scenario may name: the directory's and its own (negative ids). */
  readonly stations = new Map<string, WorldStation>();
  private syntheticPerson = -1;

  constructor(
    readonly s: Scenario,
    readonly world: ScenarioWorld,
    readonly report: Report,
  ) {
    for (const [plad, st] of world.stations) this.stations.set(plad, st);
    s.stations.forEach((st, i) => {
      if (this.stations.has(st.plad)) return;
      this.stations.set(st.plad, {
        id: -(i + 1),
        plad: st.plad,
        offices: new Map(st.offices.map((o, j) => [o.code, -(i + 1) * 1000 - j])),
        principalPersonId: null,
      });
    });
  }

  duplicates(values: ReadonlyArray<string>, list: string, field: string, what: string): void {
    const seen = new Set<string>();
    values.forEach((v, i) => {
      if (seen.has(v)) this.report(`${list}[${i}].${field}`, `Duplicate ${what} "${v}".`);
      seen.add(v);
    });
  }

  station(plad: string, path: string, prefix = ''): WorldStation | undefined {
    const st = this.stations.get(plad);
    if (!st) {
      this.report(
        path,
        `${prefix}Unknown station "${plad}": not in the directory${this.s.stations.length > 0 ? ' nor in the scenario\'s "stations"' : ''}.`,
      );
    }
    return st;
  }

  checkRole(r: ScenarioRole, path: string): void {
    const st = this.station(r.post, `${path}.post`);
    if (st && r.office !== undefined && !st.offices.has(r.office)) {
      this.report(`${path}.office`, `No office "${r.office}" at ${r.post}.`);
    }
    if (r.persona === undefined) return;
    const user = this.world.users.get(r.persona);
    if (!user) {
      this.report(`${path}.persona`, `No account "${r.persona}".`);
      return;
    }
    if (st && user.plad !== r.post)
      this.report(`${path}.persona`, `"${r.persona}" serves at ${user.plad}, not at ${r.post}.`);
    if (classificationRank(user.clearance) < classificationRank(r.minClearance)) {
      this.report(
        `${path}.persona`,
        `"${r.persona}" is cleared ${user.clearance}, below the role's ${r.minClearance}.`,
      );
    }
  }

  /** Directory names inside a cable: stations, collectives, people, offices (the writer's checks). */
  checkCable(c: CableInput, path: string, prefix: string): void {
    // A FRUS cable is not in the document: its problems are reported at the reference.
    const at = (field: string): string => (prefix === '' ? `${path}.${field}` : path);
    const person = (key: string, field: string): void => {
      if (!this.world.people.has(key)) this.report(at(field), `${prefix}Unknown person "${key}" (${field}).`);
    };
    const office = (plad: string, code: string, field: string): void => {
      const st = this.stations.get(plad);
      if (st && !st.offices.has(code)) this.report(at(field), `${prefix}No office "${code}" at ${plad}.`);
    };
    const addressees = (list: CableInput['transmission']['addressees'], field: string): void =>
      list.forEach((a, i) => {
        if (a.plad !== undefined) this.station(a.plad, at(`${field}[${i}].plad`), prefix);
        else if (!this.world.collectives.has(a.collective!)) {
          this.report(at(`${field}[${i}].collective`), `${prefix}Unknown collective "${a.collective}".`);
        }
        a.for.forEach((key, j) => person(key, `${field}[${i}].for[${j}]`));
      });

    if (!parseDtg(c.dtg)) this.report(at('dtg'), `${prefix}"${c.dtg}" is not a date (DOMAIN.md rule 22).`);
    this.station(c.originator.plad, at('originator.plad'), prefix);
    if (c.originator.office !== undefined) office(c.originator.plad, c.originator.office, 'originator.office');
    addressees(c.transmission.addressees, 'transmission.addressees');
    if (!c.transmission.addressees.some((a) => a.role === 'ACTION')) {
      this.report(
        at('transmission.addressees'),
        `${prefix}A cable needs at least one action addressee (DOMAIN.md rule 10).`,
      );
    }
    c.transmission.eyesOnly.forEach((e, i) => {
      if ('person' in e) person(e.person, `transmission.eyesOnly[${i}].person`);
    });
    const direct = this.recipients(c.transmission.addressees, c.originator.plad);
    c.transmission.passes.forEach((p, i) => {
      const field = `transmission.passes[${i}]`;
      const by = this.station(p.by, at(`${field}.by`), prefix);
      this.station(p.to, at(`${field}.to`), prefix);
      if (by && !direct.has(p.by)) {
        this.report(
          at(`${field}.by`),
          `${prefix}"${p.by} pass ${p.to}": ${p.by} is not an addressee (DOMAIN.md rule 17).`,
        );
      }
    });
    c.repeats.forEach((r, i) => {
      this.station(r.by, at(`repeats[${i}].by`), prefix);
      addressees(r.addressees, `repeats[${i}].addressees`);
      if (!parseDtg(r.dtg))
        this.report(at(`repeats[${i}].dtg`), `${prefix}"${r.dtg}" is not a date (DOMAIN.md rule 22).`);
    });
    c.drafting.forEach((d, i) => {
      if (d.person !== undefined) person(d.person, `drafting[${i}].person`);
      if (d.office) {
        if (this.station(d.office.station, at(`drafting[${i}].office.station`), prefix)) {
          office(d.office.station, d.office.code, `drafting[${i}].office.code`);
        }
      }
    });
  }

  /** Stations a transmission reaches: direct addressees, collectives minus exemptions and the originator. */
  recipients(
    list: CableInput['transmission']['addressees'],
    originator: string,
  ): Map<string, { role: 'ACTION' | 'INFO'; forKeys: string[]; flash: boolean }> {
    const out = new Map<string, { role: 'ACTION' | 'INFO'; forKeys: string[]; flash: boolean }>();
    const exempt = new Set(list.filter((a) => a.role === 'EXEMPT').map((a) => a.plad!));
    const add = (plad: string, a: (typeof list)[number]): void => {
      const had = out.get(plad);
      const role = a.role === 'ACTION' || had?.role === 'ACTION' ? 'ACTION' : 'INFO';
      const flash = a.role === 'ACTION' && (a.precedence === 'FLASH' || a.niact);
      out.set(plad, { role, forKeys: [...(had?.forKeys ?? []), ...a.for], flash: (had?.flash ?? false) || flash });
    };
    for (const a of list) {
      if (a.role === 'EXEMPT') continue;
      if (a.plad !== undefined) add(a.plad, a);
      else {
        for (const m of this.world.collectives.get(a.collective!) ?? []) {
          if (!exempt.has(m) && m !== originator) add(m, a);
        }
      }
    }
    return out;
  }

  /**
   * The cable as the access decision will see it once the inject is delivered: its addressees (or
   * `deliverTo`), the posts its pass instructions reach (the pass is expected to be carried out),
   * and its repeats.
   */
  accessObject(c: CableInput, inj: ScenarioInject): AccessObject {
    const personId = (key: string): number | undefined => this.world.people.get(key)?.id;
    const eyes = (list: CableInput['transmission']['eyesOnly']): EyesOnlyEntry[] =>
      list.flatMap((e): EyesOnlyEntry[] => {
        if (!('person' in e)) return [{ kind: 'PRINCIPALS' }];
        const id = personId(e.person);
        return id === undefined ? [] : [{ kind: 'PERSON', personId: id, name: e.person }];
      });
    const deliveries: AccessDelivery[] = [];
    const deliver = (plad: string, role: 'ACTION' | 'INFO', eyesOnly: EyesOnlyEntry[], forKeys: string[]): void => {
      const st = this.stations.get(plad);
      if (!st) return;
      if (inj.deliverTo && !inj.deliverTo.includes(plad)) return;
      const forPersonIds = forKeys.flatMap((k) => (personId(k) === undefined ? [] : [personId(k)!]));
      deliveries.push({ stationId: st.id, role, actionOfficeId: null, eyesOnly, forPersonIds });
    };
    const originalEyes = eyes(c.transmission.eyesOnly);
    const direct = this.recipients(c.transmission.addressees, c.originator.plad);
    for (const [plad, r] of direct) deliver(plad, r.role, originalEyes, r.forKeys);
    for (const p of c.transmission.passes) deliver(p.to, direct.get(p.by)?.role ?? 'INFO', originalEyes, []);
    for (const r of c.repeats) {
      for (const [plad, x] of this.recipients(r.addressees, c.originator.plad))
        deliver(plad, x.role, eyes(r.eyesOnly), x.forKeys);
    }
    // deliverTo a post that is not an addressee: it gets the cable as info.
    for (const plad of inj.deliverTo ?? []) {
      const st = this.stations.get(plad);
      if (st && !deliveries.some((d) => d.stationId === st.id)) deliver(plad, 'INFO', originalEyes, []);
    }
    const origin = this.stations.get(c.originator.plad);
    return {
      classification: c.classification,
      captions: c.captions,
      dissem: c.dissem,
      relTo: c.relTo,
      categories: [],
      deliveries,
      origin: {
        stationId: origin?.id ?? 0,
        personIds: c.drafting.flatMap((d) =>
          d.person !== undefined && personId(d.person) !== undefined ? [personId(d.person)!] : [],
        ),
        officeIds: c.drafting.flatMap((d) => {
          const id = d.office ? this.stations.get(d.office.station)?.offices.get(d.office.code) : undefined;
          return id === undefined ? [] : [id];
        }),
      },
    };
  }

  /**
   * A role as the access decision sees whoever plays it: the post, the least clearance an assignee
   * holds, the role's categories and caption roles; the persona's identity when it names one, the
   * post's principal for a principal role.
   */
  subject(r: ScenarioRole): AccessSubject {
    const st = this.stations.get(r.post)!;
    const persona = r.persona !== undefined ? this.world.users.get(r.persona) : undefined;
    const principal = r.function === 'principal';
    const personId = persona?.personId ?? (principal ? st.principalPersonId : null) ?? this.syntheticPerson--;
    const person = [...this.world.people.values()].find((p) => p.id === personId);
    const officeId =
      (r.office !== undefined ? st.offices.get(r.office) : undefined) ?? persona?.officeId ?? person?.officeId ?? null;
    return {
      personId,
      stationId: st.id,
      officeId,
      clearance: r.minClearance,
      categories: [...new Set([...r.categories, ...(persona?.categories ?? [])])],
      captionRoles: [...new Set([...r.captionRoles, ...(persona?.captionRoles ?? [])])],
      foreignNational: persona?.foreignNational ?? false,
      nationality: persona?.nationality ?? null,
      isPrincipal: principal,
      exdisDesignee: persona?.exdisDesignee ?? false,
    };
  }

  /** The roles `who` names: a role id, or every role at a post. Reports what names nobody. */
  who(who: string, path: string): ScenarioRole[] {
    const role = this.s.roles.find((r) => r.id === who);
    if (role) return this.stations.has(role.post) ? [role] : [];
    const atPost = this.s.roles.filter((r) => r.post === who);
    if (atPost.length > 0) return atPost.filter((r) => this.stations.has(r.post));
    if (this.stations.has(who)) this.report(path, `No role of the scenario is at ${who}.`);
    else this.report(path, `"${who}" is neither a role id nor a post of the scenario.`);
    return [];
  }

  /**
   * Whether the roles `who` names may do what the expectation asks: read the cable, or — for a
   * pass — handle it, which the post's communications office may do sealed (domain/access.ts
   * decideHandling; rules 14, 17).
   */
  checkReadable(e: ScenarioExpectation, who: ScenarioRole[], c: CableInput, inj: ScenarioInject, path: string): void {
    const object = this.accessObject(c, inj);
    const decide = (r: ScenarioRole) => {
      const subject = this.subject(r);
      if (e.kind !== 'pass') return decideAccess(subject, object);
      const comms = this.stations.get(r.post)?.offices.get(COMMUNICATIONS_OFFICE);
      return decideHandling(subject, object, comms !== undefined && subject.officeId === comms);
    };
    const denied = who
      .map((r) => ({ r, d: decide(r) }))
      .filter((x): x is { r: ScenarioRole; d: Extract<typeof x.d, { allowed: false }> } => !x.d.allowed);
    const why = denied
      .map((x) => `role "${x.r.id}" (${x.r.minClearance} at ${x.r.post}): ${x.d.explanation}`)
      .join(' ');
    if (e.mode === 'any' && denied.length === who.length) {
      this.report(
        `${path}.who`,
        `Nobody can meet it: no role in "${e.who}" may ${e.kind === 'pass' ? 'pass' : 'read'} ${c.ref} (inject "${inj.id}"). ${why}`,
      );
    } else if (e.mode === 'all' && denied.length > 0) {
      this.report(
        `${path}.who`,
        `Not everyone in "${e.who}" may ${e.kind === 'pass' ? 'pass' : 'read'} ${c.ref} (inject "${inj.id}"), and mode is "all". ${why}`,
      );
    }
  }

  /** Rule 8: only a FLASH or NIACT cable to an action addressee is acknowledged. */
  checkAcknowledge(
    e: ScenarioExpectation,
    who: ScenarioRole[],
    c: CableInput,
    inj: ScenarioInject,
    path: string,
  ): void {
    const direct = this.recipients(c.transmission.addressees, c.originator.plad);
    const posts = [...new Set(who.map((r) => r.post))];
    const owes = posts.filter((p) => direct.get(p)?.flash && (!inj.deliverTo || inj.deliverTo.includes(p)));
    if (owes.length === 0) {
      this.report(
        `${path}.kind`,
        `Nothing to acknowledge: ${c.ref} is not FLASH or NIACT to ${posts.join(', ')} as action addressee (DOMAIN.md rule 8).`,
      );
    }
  }

  /** Rule 17: the post in `who` owes a pass of this cable (to `to`, when given). */
  checkPass(e: Extract<ScenarioExpectation, { kind: 'pass' }>, who: ScenarioRole[], c: CableInput, path: string): void {
    const posts = new Set(who.map((r) => r.post));
    const owed = c.transmission.passes.filter((p) => posts.has(p.by) && p.status === 'PENDING');
    if (!owed.some((p) => e.to === undefined || p.to === e.to)) {
      this.report(
        `${path}.kind`,
        `Nothing to pass: ${c.ref} has no pending pass instruction by ${[...posts].join(', ')}${e.to ? ` to ${e.to}` : ''} (DOMAIN.md rule 17).`,
      );
    }
  }

  /** Injects in a cycle of `after`, each cycle reported once at its first member. */
  afterCycles(index: ReadonlyMap<string, number>): Set<string> {
    const inCycle = new Set<string>();
    const next = (id: string): string | undefined => {
      const inj = this.s.injects[index.get(id)!];
      const pred = inj?.after?.inject;
      return pred !== undefined && index.has(pred) && pred !== id ? pred : undefined;
    };
    for (const startId of index.keys()) {
      const chain: string[] = [];
      let at: string | undefined = startId;
      while (at !== undefined && !chain.includes(at) && !inCycle.has(at)) {
        chain.push(at);
        at = next(at);
      }
      if (at === undefined || inCycle.has(at)) continue;
      const cycle = chain.slice(chain.indexOf(at));
      cycle.forEach((id) => inCycle.add(id));
      const first = cycle.reduce((a, b) => (index.get(a)! <= index.get(b)! ? a : b));
      const from = cycle.indexOf(first);
      const ordered = [...cycle.slice(from), ...cycle.slice(0, from), first];
      this.report(`injects[${index.get(first)}].after.inject`, `A cycle in "after": ${ordered.join(' after ')}.`);
    }
    return inCycle;
  }
}
