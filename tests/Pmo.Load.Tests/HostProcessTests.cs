using Pmo.Load.Hosting;

namespace Pmo.Load.Tests;

public sealed class HostProcessTests
{
    [Fact]
    public void The_release_build_of_the_host_is_found_from_any_folder_of_the_repository()
    {
        var root = Directory.CreateTempSubdirectory("pmo-load-find-");
        try
        {
            var bin = Directory.CreateDirectory(Path.Combine(root.FullName, "src", "Pmo.Host", "bin", "Release", "net10.0"));
            var dll = Path.Combine(bin.FullName, "Pmo.Host.dll");
            File.WriteAllBytes(dll, []);
            var deep = Directory.CreateDirectory(Path.Combine(root.FullName, "load", "Pmo.Load"));

            Assert.Equal(dll, HostProcess.FindReleaseBuild(deep.FullName));
            Assert.Equal(dll, HostProcess.FindReleaseBuild(root.FullName));
            Assert.Null(HostProcess.FindReleaseBuild(Path.GetTempPath()));
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }
}
