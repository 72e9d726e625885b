export { jobSlot, latestFire, slotDue, slotCounterName, pgLockKeys, mysqlLockName, type LeaseOutcome, type JobRun } from './lease';
