// Every command endpoint answers one of these, so that OpenAPI lists 202, 400, 404/409 and 503 from the type.
global using CommandAnswer = Microsoft.AspNetCore.Http.HttpResults.Results<
    Microsoft.AspNetCore.Http.HttpResults.Accepted<Pmo.Host.Api.ChangeAccepted>,
    Microsoft.AspNetCore.Http.HttpResults.ValidationProblem,
    Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult,
    Pmo.Host.Api.RetryLater>;
