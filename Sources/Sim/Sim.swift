// The Sim module.
