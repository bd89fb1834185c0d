// The Scheduler module.
