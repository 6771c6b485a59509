import {
  insertCableSignatures,
  readSignedCables,
  releasedCableInput,
} from '../../../electron/core/signing/signedCable';
import { insertCable } from '../../../electron/core/store/cableWriter';
import type { Db } from '../../../electron/core/store/database';

/**
 * `count` more signed cables in the seeded file, so that a verification of every signed cable has
 * many batches: each a copy of POLTO 506 with its real chain under a new reference (POLTO 2000
 * on), so each is TAMPERED (the reference is signed), and readable by the Department's instructor
 * (no EYES ONLY). POLTO 506 itself stays untouched and VERIFIED. Returns the copies' ids.
 */
export function signedCopies(db: Db, count: number): number[] {
  const polto = db.prepare("SELECT id FROM cables WHERE ref = 'POLTO 506'").pluck().get() as number;
  const [signed] = readSignedCables(db, polto, polto);
  const ids: number[] = [];
  db.transaction(() => {
    for (let i = 0; i < count; i++) {
      const release = {
        ...signed!.release,
        ref: `POLTO ${2000 + i}`,
        series: { indicator: 'POLTO', number: 2000 + i },
      };
      const id = insertCable(db, releasedCableInput(signed!.draft, release));
      insertCableSignatures(db, id, signed!.signatures);
      ids.push(id);
    }
    const copy = "ref GLOB 'POLTO [0-9]*' AND ref <> 'POLTO 506'";
    db.exec(`UPDATE cables SET captions = '[]' WHERE ${copy};
      DELETE FROM eyes_only WHERE transmission_id IN
        (SELECT t.id FROM transmissions t JOIN cables c ON c.id = t.cable_id WHERE c.${copy});`);
  })();
  return ids;
}
