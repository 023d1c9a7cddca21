global using Orleans;
global using Orleans.Concurrency;
// Command records mark the ids their path carries [JsonIgnore]: their JSON is the request body.
global using System.Text.Json.Serialization;
// The grain interfaces and the commands pass the domain's definitions and answer with its refusals.
global using Pmo.Domain.Catalog;
global using Pmo.Domain.Model;
