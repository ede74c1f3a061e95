package datagen

// Version is the plugin's version, and the service's: Describe and the service registry report it.
const Version = "0.1.0"
