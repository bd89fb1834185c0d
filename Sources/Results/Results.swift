// The Results module.
