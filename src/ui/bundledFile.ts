/** The sample the empty page offers, and its snapshot a quarter before (scripts/generate-earlier-sample.mjs). */
export const SAMPLE_FILE = 'sample-customers.csv';
export const EARLIER_SAMPLE_FILE = 'sample-customers-earlier.csv';

/**
 * A file the app ships (the sample and its earlier snapshot), fetched from its own origin
 * under `name`; `take` receives it, `fail` says why it could not be had.
 */
export async function withBundledFile(name: string, take: (file: Blob, name: string) => void, fail: (reason: string) => void): Promise<void> {
  try {
    const response = await fetch(`${import.meta.env.BASE_URL}${name}`);
    if (!response.ok) throw new Error(`the server answered ${response.status}`);
    take(await response.blob(), name);
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
}
