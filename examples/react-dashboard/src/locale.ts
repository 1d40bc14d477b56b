/** The dashboard writes figures in US English (the currency comes with the server's figures). */
export const locale = 'en-US';
