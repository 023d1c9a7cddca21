global using Orleans;
global using Orleans.Concurrency;
// Command records mark the ids their path carries [JsonIgnore]: their JSON is the request body.
global using System.Text.Json.Serialization;
