import type { EraProfile } from '../../../electron/domain/cable';
import { bannerColours, type Classification } from '../../../electron/domain/classification';
import { coverSheetOfEra, eraWords } from '../../../electron/domain/render';
import { coverSheetFor } from './coverSheet';
import { ShownText } from '../common/ShownText';

/**
 * The cover sheet of a printed classified cable (DOMAIN.md §4, rule 25; 5 FAH-1 H-132): the first
 * printed page, in the level's colour, naming the form and the level. Shown only in print
 * (print.css); unclassified traffic has none. The wording follows the standard forms.
 *
 * The standard forms are of the 1980s and later: on a cable of an older era (a 1962 telegram, a
 * 1970s ADS telegram) the sheet says it is added by Cableroom for training (issue 12 item 4).
 */
export function PrintCover(props: {
  classification: Classification;
  cableRef: string;
  dtg: string;
  printedFor: string;
  /** The cable's era; the sheet is labelled a training addition unless the era had it. */
  profile?: EraProfile | undefined;
}) {
  const sheet = coverSheetFor(props.classification);
  if (!sheet) return null;
  const training = props.profile !== undefined && !coverSheetOfEra(props.profile);
  const { background, foreground } = bannerColours(props.classification);
  return (
    <section
      className="print-cover"
      aria-hidden="true"
      data-testid="print-cover"
      data-training={training ? 'true' : undefined}
      style={{ backgroundColor: background, color: foreground }}
    >
      <div className="print-cover__level">{sheet.level}</div>
      <div className="print-cover__panel">
        {training && props.profile && (
          <p className="print-cover__training" data-testid="print-cover-training">
            Added by Cableroom for training: the {sheet.form} cover sheet is a standard form of today; the{' '}
            {eraWords(props.profile)} attached was printed without it.
          </p>
        )}
        <p className="print-cover__heading">This is a cover sheet for classified information</p>
        <p>
          All individuals handling this information are required to protect it from unauthorized disclosure in the
          interest of the national security of the United States.
        </p>
        <p>
          Handling, storage, reproduction and disposition of the attached document must be in accordance with applicable
          executive order(s), statute(s) and agency implementing regulations.
        </p>
        {sheet.accessControlSheet && (
          <p className="print-cover__extra">Attach the DS-1902 Top Secret access control sheet (5 FAH-1 H-132).</p>
        )}
        <dl className="print-cover__attached">
          <div>
            <dt>Attached</dt>
            <dd>
              <ShownText text={props.cableRef} /> · <ShownText text={props.dtg} />
            </dd>
          </div>
          <div>
            <dt>Printed for</dt>
            <dd>
              <ShownText text={props.printedFor} /> · recorded in the audit trail
            </dd>
          </div>
        </dl>
      </div>
      <div className="print-cover__level">{sheet.level}</div>
      <div className="print-cover__form">
        <span>
          {sheet.form} · {sheet.formName}
        </span>
        <span>(This cover sheet is unclassified)</span>
        <span>Prescribed by NARA/ISOO, 32 CFR 2001.80</span>
      </div>
    </section>
  );
}
