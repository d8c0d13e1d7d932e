// The renderer's single entry to the contract, types only (STYLE.md #1).
export type * from '../../../electron/api/contract';
