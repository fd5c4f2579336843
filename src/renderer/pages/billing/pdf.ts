// PDFs from the API (base64 on every transport) opened in a new tab, or saved when the window cannot open one.
export function pdfBlobOf(base64: string): Blob {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return new Blob([bytes], { type: 'application/pdf' });
}

export function openPdf(base64: string, fileName: string): void {
  const url = URL.createObjectURL(pdfBlobOf(base64));
  const opened = window.open(url, '_blank');
  if (!opened) {
    const link = document.createElement('a');
    link.href = url;
    link.download = fileName;
    document.body.append(link);
    link.click();
    link.remove();
  }
  // The tab has read it by then; the URL must not outlive the session.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** `INV/2026/11/0001` → `INV-2026-11-0001.pdf`. */
export function pdfNameOf(number: string): string {
  return `${number.replace(/\//g, '-')}.pdf`;
}
