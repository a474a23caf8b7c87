/** The Chromium executable: `$CHROMIUM_PATH`, else Debian's `/usr/bin/chromium`. */
export declare const CHROMIUM_PATH: string;
/** The command-line flags for a headless run. */
export declare const CHROMIUM_ARGS: string[];
