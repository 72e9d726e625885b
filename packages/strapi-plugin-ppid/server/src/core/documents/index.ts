export { type Kop, type KopLines, type SopHeaderLines, KOP_FIELDS, mergeKop, kopLines, stackInstansi, sopHeaderLines, isOwnSop } from './kop';
