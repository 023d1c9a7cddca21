// Every browser test drives Playwright and asserts with its Expect, against a host the host tests'
// harness starts: opened once here rather than at the top of each browser file.
global using Microsoft.Playwright;
global using Pmo.Host.Tests.Infrastructure;
global using static Microsoft.Playwright.Assertions;
