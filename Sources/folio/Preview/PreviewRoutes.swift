import Hummingbird

/// The preview server's routes: every GET goes to `PreviewSession.respond(to:)`
/// (`/` the report, `/version` its version, `/<stem>/…` its attachments).
enum PreviewRoutes {
  static func router(_ session: PreviewSession) -> Router<BasicRequestContext> {
    let router = Router()
    let handler: @Sendable (Request, BasicRequestContext) async -> Response = { request, _ in
      let r = await session.respond(to: request.uri.path)
      return Response(
        status: HTTPResponse.Status(code: r.status),
        headers: [.contentType: r.contentType, .cacheControl: "no-store"],
        body: ResponseBody(byteBuffer: ByteBuffer(bytes: r.body)))
    }
    router.get("/", use: handler)
    router.get("**", use: handler)
    return router
  }
}
