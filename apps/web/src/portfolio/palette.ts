/** Colours of the pairs in the allocation bar and the pairs table, in TRADING_SYMBOLS order (the quote is grey, from CSS). */
const PALETTE = ['#2f6fde', '#15965a', '#c98a00', '#8e44ad', '#d64545', '#1aa3b8', '#6d4c41', '#e67e22'] as const;

export const pairColour = (index: number): string => PALETTE[index % PALETTE.length] ?? PALETTE[0];
