namespace Pmo.Grains.Hosting;

public static class PmoStorage
{
    /// <summary>The one grain storage provider every Pmo grain uses (memory or PostgreSQL).</summary>
    public const string Name = "pmo";
}
