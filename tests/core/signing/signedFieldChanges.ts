import type { Db } from '../../../electron/core/store/database';

/**
 * Every signed field of a released cable, as the SQL that changes it in the SQLite file. The seed's
 * POLTO 506 is the victim; each change runs inside a transaction that is rolled back.
 */
export function signedFieldChanges(db: Db, cableId: number): Array<[string, string]> {
  const original = db
    .prepare("SELECT id FROM transmissions WHERE cable_id = ? AND kind = 'ORIGINAL'")
    .pluck()
    .get(cableId);
  const addressee = db
    .prepare('SELECT id FROM addressees WHERE transmission_id = ? ORDER BY ordinal')
    .pluck()
    .get(original);
  const c = `WHERE id = ${cableId}`;
  // Flips the lowest bit of the last character (x XOR 1, written without SQLite's missing XOR).
  const last = (col: string) => `unicode(substr(${col}, -1))`;
  const flipText = (col: string) =>
    `${col} = substr(${col}, 1, length(${col}) - 1) || char((${last(col)} | 1) - (${last(col)} & 1))`;
  return [
    ['cables.ref', `UPDATE cables SET ${flipText('ref')} ${c}`],
    ['cables.profile', `UPDATE cables SET profile = 'MODERN' ${c}`],
    ['cables.series_indicator', `UPDATE cables SET series_indicator = 'POLTX' ${c}`],
    ['cables.series_number', `UPDATE cables SET series_number = series_number + 1 ${c}`],
    ['cables.mrn', `UPDATE cables SET mrn_station = 'USNATO', mrn_year = 1962, mrn_serial = 1 ${c}`],
    ['cables.dtg', `UPDATE cables SET dtg = '281016Z OCT 62' ${c}`],
    [
      'cables.originator_station_id',
      `UPDATE cables SET originator_station_id = (SELECT id FROM stations WHERE plad = 'AMEMBASSY PARIS') ${c}`,
    ],
    [
      'cables.originator_office_id',
      `UPDATE cables SET originator_office_id = (SELECT o.id FROM offices o JOIN stations s ON s.id = o.station_id WHERE s.plad = 'USMISSION USNATO' AND o.code = 'POL') ${c}`,
    ],
    ['cables.classification', `UPDATE cables SET classification = 'CONFIDENTIAL', class_rank = 1 ${c}`],
    ['cables.classification_reason', `UPDATE cables SET classification_reason = 'x' ${c}`],
    ['cables.captions', `UPDATE cables SET captions = '[]' ${c}`],
    ['cables.dissem', `UPDATE cables SET dissem = '["NOFORN"]' ${c}`],
    ['cables.rel_to', `UPDATE cables SET rel_to = '["GBR"]' ${c}`],
    ['cables.subject', `UPDATE cables SET ${flipText('subject')} ${c}`],
    ['cables.file_ref', `UPDATE cables SET ${flipText('file_ref')} ${c}`],
    ['cables.tags', `UPDATE cables SET tags = '["PREL"]' ${c}`],
    [
      'cables.class_authority',
      `UPDATE cables SET class_authority = '{"classifiedBy":"x","position":"y","reasons":[],"declassifyOn":"z"}' ${c}`,
    ],
    ['cables.legacy_eo', `UPDATE cables SET legacy_eo = '{"order":"11652","code":"GDS"}' ${c}`],
    ['cables.summary', `UPDATE cables SET summary = 'x' ${c}`],
    ['cables.signature', `UPDATE cables SET ${flipText('signature')} ${c}`],
    ['paragraphs.number', `UPDATE paragraphs SET number = number + 5 WHERE cable_id = ${cableId} AND ordinal = 1`],
    ['paragraphs.portion', `UPDATE paragraphs SET portion = 'C' WHERE cable_id = ${cableId} AND ordinal = 0`],
    ['paragraphs.fyi', `UPDATE paragraphs SET fyi = 1 - fyi WHERE cable_id = ${cableId} AND ordinal = 0`],
    ['paragraphs.text', `UPDATE paragraphs SET ${flipText('text')} WHERE cable_id = ${cableId} AND ordinal = 1`],
    ['paragraphs (removed)', `DELETE FROM paragraphs WHERE cable_id = ${cableId} AND ordinal = 1`],
    ['cable_references.label', `UPDATE cable_references SET label = 'B' WHERE cable_id = ${cableId}`],
    ['cable_references.text', `UPDATE cable_references SET ${flipText('text')} WHERE cable_id = ${cableId}`],
    [
      'cable_references.ref_cable_id',
      `UPDATE cable_references SET ref_cable_id = (SELECT id FROM cables WHERE ref = 'TOPOL 590') WHERE cable_id = ${cableId}`,
    ],
    [
      'drafting_roles.person_id',
      `UPDATE drafting_roles SET person_id = (SELECT id FROM people WHERE key = 'trainee') WHERE cable_id = ${cableId} AND role = 'DRAFTED'`,
    ],
    [
      'drafting_roles.clearance_kind',
      `UPDATE drafting_roles SET clearance_kind = 'SUBST' WHERE cable_id = ${cableId} AND role = 'CLEARED'`,
    ],
    [
      'drafting_roles.approver',
      `UPDATE drafting_roles SET person_id = (SELECT id FROM people WHERE key = 'rusk') WHERE cable_id = ${cableId} AND role = 'APPROVED'`,
    ],
    [
      'addressees.station_id',
      `UPDATE addressees SET station_id = (SELECT id FROM stations WHERE plad = 'AMEMBASSY MOSCOW') WHERE id = ${addressee}`,
    ],
    ['addressees.role', `UPDATE addressees SET role = 'INFO' WHERE id = ${addressee}`],
    ['addressees.precedence', `UPDATE addressees SET precedence = 'FLASH' WHERE id = ${addressee}`],
    ['addressees.niact', `UPDATE addressees SET niact = 1 WHERE id = ${addressee}`],
    [
      'addressee_for (added)',
      `INSERT INTO addressee_for (addressee_id, person_id) SELECT ${addressee}, id FROM people WHERE key = 'ball'`,
    ],
    [
      'addressees (added)',
      `INSERT INTO addressees (transmission_id, ordinal, station_id, role, precedence) SELECT ${original}, 9, id, 'INFO', 'ROUTINE' FROM stations WHERE plad = 'AMEMBASSY MOSCOW'`,
    ],
    [
      'eyes_only.person_id',
      `UPDATE eyes_only SET person_id = (SELECT id FROM people WHERE key = 'ball') WHERE transmission_id = ${original}`,
    ],
    ['eyes_only (removed)', `DELETE FROM eyes_only WHERE transmission_id = ${original}`],
    [
      'pass_instructions (added)',
      `INSERT INTO pass_instructions (transmission_id, by_station_id, to_station_id, status) SELECT ${original}, a.id, b.id, 'PENDING' FROM stations a, stations b WHERE a.plad = 'SECSTATE WASHDC' AND b.plad = 'WHITE HOUSE WASHDC'`,
    ],
    [
      'cable_signatures.signature',
      `UPDATE cable_signatures SET signature = zeroblob(64) WHERE cable_id = ${cableId} AND ordinal = 0`,
    ],
    [
      'cable_signatures.signer',
      `UPDATE cable_signatures SET signer = 'rusk' WHERE cable_id = ${cableId} AND role = 'APPROVER'`,
    ],
    [
      'cable_signatures.key_fingerprint',
      `UPDATE cable_signatures SET key_fingerprint = (SELECT fingerprint FROM person_keys k JOIN people p ON p.id = k.person_id WHERE p.key = 'rusk') WHERE cable_id = ${cableId} AND ordinal = 0`,
    ],
    [
      'cable_signatures.clearance_kind',
      `UPDATE cable_signatures SET clearance_kind = 'SUBST' WHERE cable_id = ${cableId} AND role = 'CLEARER'`,
    ],
    [
      'cable_signatures.clearance_for',
      `UPDATE cable_signatures SET clearance_for = 'person:rusk' WHERE cable_id = ${cableId} AND role = 'CLEARER'`,
    ],
    [
      'cable_signatures.role',
      `UPDATE cable_signatures SET role = 'CLEARER', clearance_for = 'person:finletter', clearance_kind = 'CLEAR' WHERE cable_id = ${cableId} AND role = 'APPROVER'`,
    ],
    [
      'cable_signatures (approver removed)',
      `DELETE FROM cable_signatures WHERE cable_id = ${cableId} AND role = 'APPROVER'`,
    ],
    [
      'person_keys.public_key',
      `UPDATE person_keys SET public_key = randomblob(32) WHERE person_id = (SELECT id FROM people WHERE key = 'finletter')`,
    ],
  ];
}
