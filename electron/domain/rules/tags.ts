/**
 * Kept for the composer's existing import (renderer/src/drafting/ComposerSubject.tsx): the TAGS
 * vocabulary lives in electron/domain/tags.ts. GEO_TAG_LIST holds geographic and organization TAGS.
 */
export { GEO_TAG_LIST, GEO_TAGS, SUBJECT_TAG_LIST, SUBJECT_TAGS } from '../tags';
