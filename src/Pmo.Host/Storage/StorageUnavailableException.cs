namespace Pmo.Host.Storage;

/// <summary>The PostgreSQL database cannot be used: the message says why in plain words.</summary>
public sealed class StorageUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
