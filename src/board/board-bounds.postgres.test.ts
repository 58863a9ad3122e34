import { boardBoundsSuite } from '../../test/support/board-bounds-suite';

boardBoundsSuite('PostgreSQL');
