The demo site is written by the network's people (site profile key `by`): pages show their names instead of "admin".
