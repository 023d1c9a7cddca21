global using Orleans;
global using Orleans.Concurrency;
global using Orleans.Runtime;
global using Pmo.Contracts;
// Every grain holds domain definitions and keeps an alert book for what it owns.
global using Pmo.Domain.Alerts;
global using Pmo.Domain.Model;
