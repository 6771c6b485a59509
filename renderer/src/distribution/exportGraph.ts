import { bannerColours, isAdministrativeControl } from '../../../electron/domain/classification';
import { displayText } from '../../../electron/domain/displayText';
import type { ViewMarking } from '../common/viewMarking';

/**
 * The distribution graph as a file (SVG or PNG). An exported picture leaves the screen's banners
 * behind, so the file carries the cable's marking itself, in its colour, at top and bottom
 * (DOMAIN.md rules 3, 25). The graph on screen draws with presentation attributes only (no CSS
 * classes), so the serialized SVG looks the same wherever it is opened.
 *
 * PNG: the SVG is loaded into an <img> from a data: URL (the CSP allows `img-src 'self' data:`),
 * drawn onto a canvas and read back as a PNG blob; nothing is fetched and no inline code runs.
 */
const SVG_NS = 'http://www.w3.org/2000/svg';
const BAND_PX = 26;
const ADMINISTRATIVE_FRAME = '#007A33';
/** Pixels per CSS pixel in the PNG: sharp on a high-density screen and in a document. */
export const PNG_SCALE = 2;

export type GraphPicture = Readonly<{ svg: string; width: number; height: number }>;

function band(doc: Document, marking: ViewMarking, y: number, width: number): SVGGElement {
  const { background, foreground } = bannerColours(marking.classification);
  const g = doc.createElementNS(SVG_NS, 'g');
  g.setAttribute('data-marking', y === 0 ? 'top' : 'bottom');
  const rect = doc.createElementNS(SVG_NS, 'rect');
  rect.setAttribute('x', '0');
  rect.setAttribute('y', String(y));
  rect.setAttribute('width', String(width));
  rect.setAttribute('height', String(BAND_PX));
  rect.setAttribute('fill', background);
  if (isAdministrativeControl(marking.classification)) {
    rect.setAttribute('stroke', ADMINISTRATIVE_FRAME);
    rect.setAttribute('stroke-width', '2');
  }
  const text = doc.createElementNS(SVG_NS, 'text');
  text.setAttribute('x', String(width / 2));
  text.setAttribute('y', String(y + BAND_PX / 2));
  text.setAttribute('text-anchor', 'middle');
  text.setAttribute('dominant-baseline', 'central');
  text.setAttribute('fill', foreground);
  text.setAttribute('font-family', 'DejaVu Sans, Liberation Sans, Arial, sans-serif');
  text.setAttribute('font-size', '13');
  text.setAttribute('font-weight', '700');
  text.setAttribute('letter-spacing', '1.5');
  text.textContent = displayText(marking.text);
  g.append(rect, text);
  return g;
}

/** The graph element as a standalone SVG document with the marking at top and bottom. */
export function graphPicture(graph: SVGSVGElement, marking: ViewMarking): GraphPicture {
  const box = graph.viewBox.baseVal;
  const width = Math.ceil(box.width);
  const height = Math.ceil(box.height) + 2 * BAND_PX;
  const doc = graph.ownerDocument;
  const root = doc.createElementNS(SVG_NS, 'svg');
  root.setAttribute('xmlns', SVG_NS);
  root.setAttribute('width', String(width));
  root.setAttribute('height', String(height));
  root.setAttribute('viewBox', `0 0 ${width} ${height}`);
  for (const name of ['font-family', 'role', 'aria-labelledby']) {
    const value = graph.getAttribute(name);
    if (value !== null) root.setAttribute(name, value);
  }
  const content = doc.createElementNS(SVG_NS, 'g');
  content.setAttribute('transform', `translate(0 ${BAND_PX})`);
  // The picture's own <title> names the whole file, so it stays the root's first child.
  const title = graph.querySelector(':scope > title');
  if (title) root.append(title.cloneNode(true));
  for (const child of Array.from(graph.childNodes)) if (child !== title) content.append(child.cloneNode(true));
  root.append(band(doc, marking, 0, width), content, band(doc, marking, height - BAND_PX, width));
  return { svg: new XMLSerializer().serializeToString(root), width, height };
}

/** The picture as a PNG, drawn through an <img> onto a canvas. */
export async function pictureToPng(picture: GraphPicture): Promise<Blob> {
  const image = new Image();
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(picture.svg)}`;
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = picture.width * PNG_SCALE;
  canvas.height = picture.height * PNG_SCALE;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('This window cannot draw a PNG (no 2D canvas).');
  context.scale(PNG_SCALE, PNG_SCALE);
  context.drawImage(image, 0, 0, picture.width, picture.height);
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('The PNG could not be made.'))), 'image/png'),
  );
}

/** "TOPOL 578" → "TOPOL-578-distribution.svg". */
export function pictureFilename(ref: string, extension: 'svg' | 'png'): string {
  const stem = ref.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'cable';
  return `${stem}-distribution.${extension}`;
}
