/** The project's fontconfig file: the only fonts the test browsers see. */
export declare const FONTCONFIG_FILE: string;
/** Sets FONTCONFIG_FILE for this process and the browsers it starts (Linux). Throws with an install hint. */
export declare function pinFonts(): void;
