/**
 * Saves what the person asked for (an exported cable, a distribution graph) as a file: a Blob URL
 * and an `<a download>` click, so no markup is built from the content and nothing leaves the
 * machine. The URL is revoked once the download has had time to start.
 */
const REVOKE_AFTER_MS = 30_000;

export function saveBlobFile(filename: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
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

export function saveTextFile(filename: string, mediaType: string, text: string): void {
  saveBlobFile(filename, new Blob([text], { type: mediaType }));
}
