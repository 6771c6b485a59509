/**
 * The cable input format lives in the contract (electron/contract/cableInput.ts) so the scenario
 * document (contract/scenario.ts) can embed it; core's importers keep this path.
 */
export * from '../../contract/cableInput';
