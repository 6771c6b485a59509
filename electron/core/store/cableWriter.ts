import { classificationRank } from '../../domain/classification';
import { formatDtg, parseDtg } from '../../domain/dtg';
import { highestPrecedence, type Precedence } from '../../domain/precedence';
import type { CableInput, CableInputAddressee, EyesOnlyInput } from '../cables/cableInput';
import { CableroomError } from '../errors';
import { emitChange } from '../events';
import type { Db } from './database';
import { prepared } from './statements';
import { writeCableKeys } from './cableSearch';
import { collectiveByName, officeId, personByKey, stationByPlad } from './directoryRepository';

/**
 * Writes a released cable with its transmissions and deliveries in one transaction: either the
 * whole cable lands or nothing does (never a half-written record).
 */
export type InsertOptions = Readonly<{
  /**
   * Index the cable for full-text search in the same transaction (default). Only the import
   * benchmark turns it off, to measure bare inserts of the same rows against the real path.
   */
  searchIndex?: boolean;
  /**
   * The exercise that injects the cable (migration 0012): its reference, series and MRN are
   * unique within the exercise, and its references name the exercise's cables first.
   */
  exerciseId?: number;
  /**
   * Where a reference's cable is looked up when the cable itself is not the exercise's (a reply
   * released while an exercise runs cites the exercise's inject): that exercise's cables first,
   * then the archive. Default: `exerciseId`.
   */
  referencesIn?: number | null;
  /**
   * When the deliveries reach the inbox (its order); default: their delivery time. Inside an
   * exercise the delivery time is the scenario's and the arrival the real time.
   */
  arrivedAt?: Date;
  /**
   * Deliver to these stations only (an exercise inject's `deliverTo`, EXERCISES.md §2): the
   * addressees stay as written, the deliveries go to those of them named here, and a station
   * named here that is not an addressee gets the original transmission for information.
   */
  deliverTo?: ReadonlyArray<string>;
}>;

export function insertCable(db: Db, input: CableInput, now: Date = new Date(), options: InsertOptions = {}): number {
  const cableId = db.transaction(() => writeCable(db, input, now, options))();
  emitChange(db, { type: 'delivered', cableIds: [cableId] }); // issue 14: a live inbox
  return cableId;
}

type Recipient = {
  stationId: number;
  role: 'ACTION' | 'INFO';
  precedence: Precedence;
  niact: boolean;
  collectiveId: number | null;
};

function bad(message: string): CableroomError {
  return new CableroomError('BAD_REQUEST', message);
}

function dtgInstant(dtg: string, what: string): string {
  const at = parseDtg(dtg);
  if (!at) throw bad(`${what}: "${dtg}" is not a valid DTG (DOMAIN.md rule 22).`);
  return at.toISOString();
}

/** Directory look-ups that fail with a message naming the field and the unknown name. */
function resolvers(db: Db): {
  station: (plad: string, where: string) => number;
  person: (key: string, where: string) => number;
} {
  return {
    station(plad, where) {
      const s = stationByPlad(db, plad);
      if (!s) throw bad(`${where}: unknown station "${plad}".`);
      return s.id;
    },
    person(key, where) {
      const p = personByKey(db, key);
      if (!p) throw bad(`${where}: unknown person "${key}".`);
      return p.id;
    },
  };
}

/** The scope of uniqueness of a cable's reference, series and MRN: its exercise, or 0 for the archive. */
function scopeOf(exerciseId: number | undefined): number {
  return exerciseId ?? 0;
}

function writeCable(db: Db, c: CableInput, now: Date, options: InsertOptions): number {
  const { station, person } = resolvers(db);
  const searchIndex = options.searchIndex !== false;
  const scope = scopeOf(options.exerciseId);
  const arrivedAt = options.arrivedAt?.toISOString();
  const only = options.deliverTo ? new Set(options.deliverTo.map((plad) => station(plad, 'deliverTo'))) : null;

  const ref = c.ref.trim().toUpperCase().replace(/\s+/g, ' ');
  if (prepared(db, 'SELECT 1 FROM cables WHERE ref = ? AND ifnull(exercise_id, 0) = ?').get(ref, scope)) {
    throw bad(`A cable ${ref} already exists${scope === 0 ? '' : ' in this exercise'}.`);
  }
  const originatorId = station(c.originator.plad, 'originator');
  const originatorOffice = c.originator.office ? officeId(db, originatorId, c.originator.office) : undefined;
  if (c.originator.office && originatorOffice === undefined) {
    throw bad(`originator: unknown office "${c.originator.office}" at ${c.originator.plad}.`);
  }
  const sentAt = dtgInstant(c.dtg, 'dtg');

  const cableId = Number(
    prepared(
      db,
      `INSERT INTO cables (ref, profile, series_indicator, series_number, mrn_station, mrn_year, mrn_serial, dtg, sent_at,
           originator_station_id, originator_office_id, classification, class_rank, captions, dissem, rel_to, subject,
           file_ref, tags, source_note, signature, created_at, exercise_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      ref,
      c.profile,
      c.series?.indicator.toUpperCase() ?? null,
      c.series?.number ?? null,
      c.mrn?.station ?? null,
      c.mrn?.year ?? null,
      c.mrn?.serial ?? null,
      c.dtg,
      sentAt,
      originatorId,
      originatorOffice ?? null,
      c.classification,
      classificationRank(c.classification),
      JSON.stringify(c.captions),
      JSON.stringify(c.dissem),
      JSON.stringify(c.relTo),
      c.subject,
      c.fileRef ?? null,
      JSON.stringify(c.tags),
      c.sourceNote ?? null,
      c.signature ?? null,
      now.toISOString(),
      options.exerciseId ?? null,
    ).lastInsertRowid,
  );

  const para = prepared(
    db,
    'INSERT INTO paragraphs (cable_id, ordinal, number, portion, fyi, text) VALUES (?, ?, ?, ?, ?, ?)',
  );
  c.paragraphs.forEach((p, i) => para.run(cableId, i, p.n, p.portion, p.fyi ? 1 : 0, p.text));

  if (c.classificationReason || c.classAuthority || c.legacyEo || c.summary) {
    prepared(
      db,
      'UPDATE cables SET classification_reason = ?, class_authority = ?, legacy_eo = ?, summary = ? WHERE id = ?',
    ).run(
      c.classificationReason ?? null,
      c.classAuthority ? JSON.stringify(c.classAuthority) : null,
      c.legacyEo ? JSON.stringify(c.legacyEo) : null,
      c.summary ?? null,
      cableId,
    );
  }

  // The FOR/FROM line and DESIRED DISTRIBUTION of a 1970s telegram (migration 0014; issue 16).
  if (c.forLine || c.desiredDistribution) {
    prepared(db, 'UPDATE cables SET lines = ? WHERE id = ?').run(
      JSON.stringify({
        ...(c.forLine ? { forLine: c.forLine } : {}),
        ...(c.desiredDistribution ? { desiredDistribution: c.desiredDistribution } : {}),
      }),
      cableId,
    );
  }

  const reference = prepared(
    db,
    'INSERT INTO cable_references (cable_id, ordinal, label, text, ref_cable_id) VALUES (?, ?, ?, ?, ?)',
  );
  c.references.forEach((r, i) => {
    let target: number | null = null;
    if (r.cable !== undefined) {
      // The exercise's own cable of that reference first, else the archive's.
      const row = prepared(
        db,
        'SELECT id FROM cables WHERE ref = ? AND ifnull(exercise_id, 0) IN (?, 0) ORDER BY exercise_id IS NULL LIMIT 1',
      ).get(r.cable, options.referencesIn ?? scope) as { id: number } | undefined;
      if (!row) throw bad(`references: no cable ${r.cable} in the archive.`);
      target = row.id;
    }
    reference.run(cableId, i, r.label, r.text, target);
  });

  const role = prepared(
    db,
    `INSERT INTO drafting_roles (cable_id, ordinal, role, person_id, office_id, clearance_kind) VALUES (?, ?, ?, ?, ?, ?)`,
  );
  c.drafting.forEach((r, i) => {
    let office: number | null = null;
    if (r.office) {
      const id = officeId(db, station(r.office.station, 'drafting'), r.office.code);
      if (id === undefined) throw bad(`drafting: unknown office "${r.office.code}" at ${r.office.station}.`);
      office = id;
    }
    role.run(cableId, i, r.role, r.person ? person(r.person, 'drafting') : null, office, r.kind ?? null);
  });

  const original = writeTransmission(db, {
    cableId,
    kind: 'ORIGINAL',
    parentId: null,
    dtg: c.dtg,
    sentAt,
    senderId: originatorId,
    originatorId,
    note: null,
    addressees: c.transmission.addressees,
    eyesOnly: c.transmission.eyesOnly,
    station,
    person,
    arrivedAt: arrivedAt ?? sentAt,
    only,
  });

  // Pass instructions (rule 17): the passing post must have received this transmission.
  const passInsert = prepared(
    db,
    `INSERT INTO pass_instructions (transmission_id, by_station_id, to_station_id, precedence, status, executed_at)
     VALUES (?, ?, ?, ?, ?, ?)`,
  );
  for (const p of c.transmission.passes) {
    const by = station(p.by, 'pass');
    const to = station(p.to, 'pass');
    const via = original.recipients.get(by);
    if (!via) throw bad(`"${p.by} pass ${p.to}": ${p.by} is not an addressee of this cable (DOMAIN.md rule 17).`);
    const executedAt = p.status === 'DONE' ? sentAt : null;
    const passId = Number(
      passInsert.run(original.id, by, to, p.precedence ?? null, p.status, executedAt).lastInsertRowid,
    );
    if (p.status === 'DONE' && !original.recipients.has(to) && (only === null || only.has(to))) {
      insertDelivery(db, original.id, cableId, {
        stationId: to,
        role: via.role,
        precedence: p.precedence ?? via.precedence,
        niact: false,
        via: 'PASS',
        collectiveId: null,
        passId,
        deliveredAt: sentAt,
        arrivedAt: arrivedAt ?? sentAt,
      });
    }
  }

  for (const r of c.repeats) {
    const repeatAt = dtgInstant(r.dtg, 'repeat dtg');
    writeTransmission(db, {
      cableId,
      kind: 'REPEAT',
      parentId: original.id,
      dtg: r.dtg,
      sentAt: repeatAt,
      senderId: station(r.by, 'repeat'),
      originatorId,
      note: r.note ?? null,
      addressees: r.addressees,
      eyesOnly: r.eyesOnly,
      station,
      person,
      arrivedAt: arrivedAt ?? repeatAt,
      only,
    });
  }

  if (searchIndex) {
    const body = c.paragraphs.map((p) => p.text).join('\n');
    prepared(db, 'INSERT INTO cable_search (rowid, subject, body) VALUES (?, ?, ?)').run(cableId, c.subject, body);
    writeCableKeys(db, cableId); // ref / MRN / DTG look-up (issue 14 item 3)
  }
  return cableId;
}

type TransmissionSpec = Readonly<{
  cableId: number;
  kind: 'ORIGINAL' | 'REPEAT';
  parentId: number | null;
  dtg: string;
  sentAt: string;
  senderId: number;
  originatorId: number;
  note: string | null;
  addressees: ReadonlyArray<CableInputAddressee>;
  eyesOnly: ReadonlyArray<EyesOnlyInput>;
  station: (plad: string, where: string) => number;
  person: (key: string, where: string) => number;
  /** When its deliveries reach the inbox (ISO 8601). */
  arrivedAt: string;
  /** Deliver to these stations only (InsertOptions.deliverTo); null: to every recipient. */
  only?: ReadonlySet<number> | null;
}>;

function writeTransmission(db: Db, t: TransmissionSpec): { id: number; recipients: Map<number, Recipient> } {
  const where = t.kind === 'ORIGINAL' ? 'addressees' : 'repeat addressees';
  const live = t.addressees.filter((a) => a.role !== 'EXEMPT');
  if (t.kind === 'ORIGINAL' && !live.some((a) => a.role === 'ACTION')) {
    throw bad('A cable needs at least one action addressee (DOMAIN.md rule 10).');
  }
  if (live.length === 0) throw bad(`${where}: no addressee to send to.`);
  const transmissionId = Number(
    prepared(
      db,
      `INSERT INTO transmissions (cable_id, kind, parent_id, dtg, sent_at, sender_station_id, precedence, note)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      t.cableId,
      t.kind,
      t.parentId,
      t.dtg,
      t.sentAt,
      t.senderId,
      highestPrecedence(live.map((a) => a.precedence)), // rule 9
      t.note,
    ).lastInsertRowid,
  );

  const addresseeInsert = prepared(
    db,
    `INSERT INTO addressees (transmission_id, ordinal, station_id, collective_id, role, precedence, niact, channel_series, channel_serial)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const forInsert = prepared(db, 'INSERT INTO addressee_for (addressee_id, person_id) VALUES (?, ?)');
  const exempt = new Set<number>();
  const collectives: { id: number; memberIds: number[]; a: CableInputAddressee }[] = [];
  const recipients = new Map<number, Recipient>();
  const add = (r: Recipient): void => {
    const had = recipients.get(r.stationId);
    // A station listed twice keeps its strongest role, precedence and NIACT.
    recipients.set(
      r.stationId,
      had
        ? {
            ...had,
            role: had.role === 'ACTION' || r.role === 'ACTION' ? 'ACTION' : 'INFO',
            precedence: highestPrecedence([had.precedence, r.precedence]),
            niact: had.niact || r.niact,
          }
        : r,
    );
  };

  t.addressees.forEach((a, i) => {
    let stationId: number | null = null;
    let collectiveId: number | null = null;
    if (a.plad !== undefined) stationId = t.station(a.plad, where);
    else {
      const col = collectiveByName(db, a.collective!);
      if (!col) throw bad(`${where}: unknown collective "${a.collective}".`);
      collectiveId = col.id;
      collectives.push({ ...col, a });
    }
    const id = Number(
      addresseeInsert.run(
        transmissionId,
        i,
        stationId,
        collectiveId,
        a.role,
        a.precedence,
        a.niact ? 1 : 0,
        a.serial?.series.toUpperCase() ?? null,
        a.serial?.number ?? null,
      ).lastInsertRowid,
    );
    for (const key of a.for) forInsert.run(id, t.person(key, `${where} "for"`));
    if (a.role === 'EXEMPT') exempt.add(stationId!);
    else if (stationId !== null) {
      add({ stationId, role: a.role, precedence: a.precedence, niact: a.niact, collectiveId: null });
    }
  });

  // Rule 11: exemptions only with a collective, and only of its members.
  for (const stationId of exempt) {
    if (!collectives.some((c) => c.memberIds.includes(stationId))) {
      throw bad(`${where}: an exempted station must belong to a collective addressee (DOMAIN.md rule 11).`);
    }
  }
  // A collective expands to its members, minus exemptions and minus the originator.
  for (const c of collectives) {
    for (const stationId of c.memberIds) {
      if (exempt.has(stationId) || stationId === t.originatorId) continue;
      add({
        stationId,
        role: c.a.role as 'ACTION' | 'INFO',
        precedence: c.a.precedence,
        niact: c.a.niact,
        collectiveId: c.id,
      });
    }
  }

  const eyes = prepared(
    db,
    'INSERT INTO eyes_only (transmission_id, ordinal, person_id, principals) VALUES (?, ?, ?, ?)',
  );
  t.eyesOnly.forEach((e, i) =>
    'person' in e
      ? eyes.run(transmissionId, i, t.person(e.person, 'eyes only'), 0)
      : eyes.run(transmissionId, i, null, 1),
  );

  const only = t.only ?? null;
  for (const r of recipients.values()) {
    if (only !== null && !only.has(r.stationId)) continue;
    insertDelivery(db, transmissionId, t.cableId, {
      ...r,
      via: t.kind === 'REPEAT' ? 'REPEAT' : r.collectiveId !== null ? 'COLLECTIVE' : 'DIRECT',
      passId: null,
      deliveredAt: t.sentAt,
      arrivedAt: t.arrivedAt,
    });
  }
  // A station the delivery list names that is no addressee: the original, for information.
  if (only !== null && t.kind === 'ORIGINAL') {
    for (const stationId of only) {
      if (recipients.has(stationId)) continue;
      insertDelivery(db, transmissionId, t.cableId, {
        stationId,
        role: 'INFO',
        precedence: highestPrecedence(live.map((a) => a.precedence)),
        niact: false,
        collectiveId: null,
        via: 'DIRECT',
        passId: null,
        deliveredAt: t.sentAt,
        arrivedAt: t.arrivedAt,
      });
    }
  }
  return { id: transmissionId, recipients };
}

function insertDelivery(
  db: Db,
  transmissionId: number,
  cableId: number,
  d: Recipient &
    Readonly<{
      via: 'DIRECT' | 'COLLECTIVE' | 'PASS' | 'REPEAT';
      passId: number | null;
      deliveredAt: string;
      arrivedAt: string;
    }>,
): void {
  prepared(
    db,
    `INSERT INTO deliveries (transmission_id, cable_id, station_id, role, via, collective_id, pass_id, precedence, niact,
         delivered_at, arrived_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    transmissionId,
    cableId,
    d.stationId,
    d.role,
    d.via,
    d.collectiveId,
    d.passId,
    d.precedence,
    d.niact ? 1 : 0,
    d.deliveredAt,
    d.arrivedAt,
  );
}

/**
 * Writes a repeat of an existing cable as its own transmission linked to the original (rule 16:
 * it keeps MRN, classification and captions, and may carry its own Eyes Only). One transaction.
 */
export function insertRepeat(
  db: Db,
  r: Readonly<{
    cableId: number;
    by: string;
    at: Date;
    /** When the deliveries reach the inbox; default `at` (a scenario `at` arrives in real time). */
    arrivedAt?: Date;
    note: string | null;
    addressees: ReadonlyArray<CableInputAddressee>;
    eyesOnly: ReadonlyArray<EyesOnlyInput>;
  }>,
): { transmissionId: number; stations: number[] } {
  return db.transaction(() => {
    const original = prepared(
      db,
      "SELECT t.id, c.originator_station_id AS originatorId FROM transmissions t JOIN cables c ON c.id = t.cable_id WHERE t.cable_id = ? AND t.kind = 'ORIGINAL'",
    ).get(r.cableId) as { id: number; originatorId: number } | undefined;
    if (!original) throw new CableroomError('NOT_FOUND', `No cable with id ${r.cableId}.`);
    const { station, person } = resolvers(db);
    const written = writeTransmission(db, {
      cableId: r.cableId,
      kind: 'REPEAT',
      parentId: original.id,
      dtg: formatDtg(r.at),
      sentAt: r.at.toISOString(),
      senderId: station(r.by, 'repeat'),
      originatorId: original.originatorId,
      note: r.note,
      addressees: r.addressees,
      eyesOnly: r.eyesOnly,
      station,
      person,
      arrivedAt: (r.arrivedAt ?? r.at).toISOString(),
    });
    writeCableKeys(db, r.cableId); // the repeat's DTG finds the cable too (issue 14 item 3)
    const stations = [...written.recipients.keys()];
    emitChange(db, { type: 'delivered', cableIds: [r.cableId], stationIds: stations }); // issue 14
    return { transmissionId: written.id, stations };
  })();
}

/** Executes pending pass instructions of a post (rule 17): the passee receives the cable via PASS. */
export function executePasses(
  db: Db,
  cableId: number,
  byStationId: number,
  userId: number,
  at: Date,
  /** When the deliveries reach the inbox; default `at`. */
  arrivedAt: Date = at,
): { passId: number; toStationId: number }[] {
  return db.transaction(() => {
    const pending = prepared(
      db,
      `SELECT p.id, p.transmission_id AS transmissionId, p.to_station_id AS toStationId, p.precedence,
                d.role, d.precedence AS viaPrecedence
         FROM pass_instructions p
         JOIN transmissions t ON t.id = p.transmission_id
         JOIN deliveries d ON d.transmission_id = p.transmission_id AND d.station_id = p.by_station_id
         WHERE t.cable_id = ? AND p.by_station_id = ? AND p.status = 'PENDING' ORDER BY p.id`,
    ).all(cableId, byStationId) as {
      id: number;
      transmissionId: number;
      toStationId: number;
      precedence: Precedence | null;
      role: 'ACTION' | 'INFO';
      viaPrecedence: Precedence;
    }[];
    const done: { passId: number; toStationId: number }[] = [];
    for (const p of pending) {
      prepared(
        db,
        "UPDATE pass_instructions SET status = 'DONE', executed_at = ?, executed_by_user_id = ? WHERE id = ?",
      ).run(at.toISOString(), userId, p.id);
      const already = prepared(db, 'SELECT 1 FROM deliveries WHERE transmission_id = ? AND station_id = ?').get(
        p.transmissionId,
        p.toStationId,
      );
      if (!already) {
        insertDelivery(db, p.transmissionId, cableId, {
          stationId: p.toStationId,
          role: p.role,
          precedence: p.precedence ?? p.viaPrecedence,
          niact: false,
          via: 'PASS',
          collectiveId: null,
          passId: p.id,
          deliveredAt: at.toISOString(),
          arrivedAt: arrivedAt.toISOString(),
        });
      }
      done.push({ passId: p.id, toStationId: p.toStationId });
    }
    emitChange(db, { type: 'delivered', cableIds: [cableId], stationIds: done.map((d) => d.toStationId) }); // issue 14
    return done;
  })();
}
