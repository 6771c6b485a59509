/**
 * Saves text the person asked for (an exported cable) as a file: a Blob URL and an
 * `<a download>` click, so no markup is built from the text and nothing leaves the machine.
 * The URL is revoked once the download has had time to start.
 */
const REVOKE_AFTER_MS = 30_000;

export function saveTextFile(filename: string, mediaType: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: mediaType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.rel = 'noopener';
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
}
