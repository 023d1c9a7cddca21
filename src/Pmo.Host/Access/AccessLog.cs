namespace Pmo.Host.Access;

internal static partial class AccessLog
{
    [LoggerMessage(1, LogLevel.Warning, "Authentication is off: every caller is pmo, and only loopback addresses ({Urls}) are served. Configure --auth-signing-key or --auth-authority to serve anything else.")]
    public static partial void AuthenticationOff(ILogger logger, string urls);

    [LoggerMessage(2, LogLevel.Information, "Authentication: bearer tokens signed with the shared key (issuer {Issuer}, audience {Audience}).")]
    public static partial void SharedKey(ILogger logger, string issuer, string audience);

    [LoggerMessage(3, LogLevel.Information, "Authentication: bearer tokens from the OpenID Connect authority {Authority} (audience {Audience}).")]
    public static partial void Authority(ILogger logger, string authority, string audience);

    [LoggerMessage(5, LogLevel.Information, "Dashboard sign-in: OpenID Connect as client {ClientId} (redirect URI {CallbackPath} on this host).")]
    public static partial void ProviderSignIn(ILogger logger, string clientId, string callbackPath);

    /// <summary>Debug: anyone can send a forged callback, so a failure per request must not fill the log at the default level.</summary>
    [LoggerMessage(6, LogLevel.Debug, "A sign-in through the identity provider did not complete: {Reason}")]
    public static partial void ProviderSignInFailed(ILogger logger, string reason);

    [LoggerMessage(4, LogLevel.Warning, "The audit could not be written ({Count} entries waiting); retrying.")]
    public static partial void AuditWriteFailed(ILogger logger, Exception exception, int count);
}
