// Downloads made in the page from a Blob: nothing leaves the machine.

export type Download = (blob: Blob, fileName: string) => void;

/** Saves a Blob through a temporary link; nothing leaves the machine. */
export const downloadBlob: Download = (blob, fileName) => {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
};
