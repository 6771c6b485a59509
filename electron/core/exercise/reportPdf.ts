import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { bannerColours } from '../../domain/classification';
import type { AfterActionReport, QuotedCable, ScenarioMoment, TraineeReport } from './report';

/**
 * The after-action report as a PDF (issue 10 item 6; EXERCISES.md §6): Courier, like a cable, with
 * the report's classification banner at the top and the bottom of every page in its colours
 * (DOMAIN.md rules 3 and 25), text that a reader such as pdftotext gets back as written.
 *
 * pdfkit is loaded from node_modules at run time, not bundled: it finds its standard fonts'
 * metrics (Courier's AFM data) through its own package.json `imports`, which a bundle of the CLI or
 * the main process would lose. It is a runtime dependency for that reason, like better-sqlite3.
 */
type PdfDocumentClass = typeof import('pdfkit');
type PdfDocument = InstanceType<PdfDocumentClass>;

function loadPdfkit(): PdfDocumentClass {
  return createRequire(__filename)('pdfkit') as PdfDocumentClass;
}

const FONT = 'Courier';
const BOLD = 'Courier-Bold';
const SIZE = 9;
const MARGIN = { top: 66, bottom: 66, left: 54, right: 54 } as const;
const BANNER_HEIGHT = 18;

/** The standard fonts write WinAnsi: what the texts hold beyond it is spelled out or replaced. */
export function pdfSafe(text: string): string {
  return text
    .replace(/[‘’]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/[–—]/g, '-')
    .replace(/…/g, '...')
    .replace(/≤/g, '<=')
    .replace(/≥/g, '>=')
    .replace(/→/g, '->')
    .replace(/×/g, 'x')
    .replace(/[^\t\n\r\x20-\x7E\xA0-\xFF]/g, '?');
}

const points = (n: number): string => (n < 0 ? '-' : '') + Math.abs(n).toFixed(Number.isInteger(n * 10) ? 1 : 2);
const at = (m: ScenarioMoment | null): string => (m === null ? '-' : m.dtg);
const cableText = (c: QuotedCable): string =>
  c.withheld ? '[a cable you may not see]' : `${c.ref} (${c.banner}) ${c.subject}`;

/** Renders the report; resolves with the PDF's bytes. */
export function renderReportPdf(report: AfterActionReport): Promise<Buffer> {
  const PDFDocument = loadPdfkit();
  const doc: PdfDocument = new PDFDocument({
    size: 'LETTER',
    margins: MARGIN,
    bufferPages: true,
    info: {
      Title: pdfSafe(`After-action report: ${report.exercise.title}`),
      Subject: report.banner,
      Creator: 'Cableroom',
      Producer: 'Cableroom',
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const width = doc.page.width - MARGIN.left - MARGIN.right;
  const text = (s: string, indent = 0, font = FONT): void => {
    doc
      .font(font)
      .fontSize(SIZE)
      .text(pdfSafe(s), MARGIN.left + indent, undefined, { width: width - indent });
  };
  const heading = (s: string, indent = 0): void => {
    doc.moveDown(0.6);
    text(s, indent, BOLD);
  };

  const copy =
    report.copy.kind === 'instructor'
      ? "INSTRUCTOR'S COPY: quotes every cable of the exercise."
      : `COPY FOR ${report.copy.login.toUpperCase()}: quotes only the cables you may see.`;
  doc.font(BOLD).fontSize(13).text('AFTER-ACTION REPORT', { align: 'center' });
  text(report.exercise.title);
  text(
    `Exercise ${report.exercise.id} (${report.exercise.scenarioId}), ${report.exercise.status}. Scenario start ${report.exercise.start}; taken at ${report.exercise.now.dtg}.`,
  );
  text(copy);
  text(`Classification of this report: ${report.banner} (the highest of the cables it quotes).`);
  text(`Made ${report.generatedAt} (real time).`);

  heading(`${report.copy.kind === 'instructor' ? 'EXERCISE SCORE' : 'YOUR SCORE'}: ${points(report.score)} / 100`);
  heading('OBJECTIVES');
  for (const o of report.objectives) {
    text(
      `[${o.achieved ? 'x' : ' '}] ${o.id || '(none)'}: ${o.text} - ${points(o.points)} of ${points(o.possible)} points, weight ${o.weight}${o.achieved ? ', achieved' : ''}`,
      12,
    );
  }

  for (const post of report.posts) {
    doc.moveDown(0.8);
    heading(
      `POST ${post.post}: score ${points(post.score)} / 100 (${points(post.points)} of ${points(post.possible)} points)`,
    );
    for (const t of post.trainees) trainee(t);
  }

  function trainee(t: TraineeReport): void {
    heading(`TRAINEE ${t.name} (${t.login}), role ${t.role}`, 12);
    const c = t.counts;
    text(
      `Score: ${points(t.score)} / 100 - ${points(t.points)} of ${points(t.possible)} points; met ${c.MET}, late ${c.LATE}, missed ${c.MISSED}, mistakes ${c.BROKEN}, pending ${c.PENDING}.`,
      12,
    );
    heading('TIMELINE (scenario DTGs)', 12);
    if (t.timeline.length === 0) text('No inject reached this post.', 24);
    for (const row of t.timeline) {
      text(`${row.inject}: ${cableText(row.cable)}`, 24);
      text(
        `delivered ${at(row.delivered)} | opened ${at(row.opened)} | acknowledged ${at(row.acknowledged)} | passed ${at(row.passed)} | reply ${row.replied ? `${cableText(row.replied.cable)} ${row.replied.dtg}` : '-'}`,
        36,
      );
    }
    heading('EXPECTATIONS', 12);
    for (const e of t.expectations) {
      text(
        `${e.verdict.padEnd(7)} ${e.expectation} (${e.kind}): ${points(e.points)} of ${points(e.possible)} at ${at(e.at)} - ${e.note}${e.auditSeqs.length ? ` [audit ${e.auditSeqs.join(', ')}]` : ''}`,
        24,
      );
    }
    heading('MISTAKES', 12);
    if (t.mistakes.length === 0) text('None.', 24);
    for (const m of t.mistakes) {
      text(
        `Rule ${m.rule}, ${points(m.points)} points (${m.expectation}) at ${at(m.at)}: ${m.note}${m.auditSeqs.length ? ` [audit ${m.auditSeqs.join(', ')}]` : ''}`,
        24,
      );
      text(m.teaching, 36);
    }
    heading('OBJECTIVES', 12);
    for (const o of t.objectives) {
      text(
        `[${o.achieved ? 'x' : ' '}] ${o.id || '(none)'}: ${points(o.points)} of ${points(o.possible)}${o.achieved ? ', achieved' : ''}`,
        24,
      );
    }
    heading('DEBRIEF', 12);
    if (t.debrief.length === 0) text('No answers recorded.', 24);
    for (const d of t.debrief) {
      text(`Q: ${d.question}`, 24);
      text(`A: ${d.answer}`, 24);
    }
  }

  // Rules 3 and 25: the banner at the top and the bottom of every page, in its colours.
  const colours = bannerColours(report.classification);
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0; // writing in the margin must not open a new page
    const banner = (y: number): void => {
      doc.save().rect(MARGIN.left, y, width, BANNER_HEIGHT).fill(colours.background).restore();
      doc
        .fillColor(colours.foreground)
        .font(BOLD)
        .fontSize(11)
        .text(report.banner, MARGIN.left, y + 4, { width, align: 'center', lineBreak: false });
    };
    banner(24);
    banner(doc.page.height - 24 - BANNER_HEIGHT);
    doc
      .fillColor('#000000')
      .font(FONT)
      .fontSize(8)
      .text(`Page ${i + 1} of ${range.count}`, MARGIN.left, doc.page.height - 24 - BANNER_HEIGHT - 12, {
        width,
        align: 'right',
        lineBreak: false,
      });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}

/** Writes the report's PDF to `path`. */
export async function writeReportPdf(report: AfterActionReport, path: string): Promise<number> {
  const bytes = await renderReportPdf(report);
  writeFileSync(path, bytes);
  return bytes.length;
}
