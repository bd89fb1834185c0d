// The BrokerModel module.
