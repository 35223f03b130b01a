import { confirmUpload } from "../../../application/media/confirmUpload.js";
import { createUpload } from "../../../application/media/createUpload.js";
import { imageLinks } from "../../../application/media/imageLinks.js";
import { mediaInputs } from "../../api/inputs/media.js";
import { run } from "../../api/run.js";
import { mediaView, uploadView } from "../../api/views.js";
import { authedProcedure, router } from "../trpc.js";

export const mediaRouter = router({
  createUpload: authedProcedure
    .input(mediaInputs.createUpload)
    .mutation(async ({ ctx, input }) => uploadView(await run(ctx, createUpload({ ...input, ownerId: ctx.userId })))),
  confirm: authedProcedure.input(mediaInputs.confirm).mutation(async ({ ctx, input }) => {
    const upload = await run(ctx, confirmUpload({ key: input.key, actorId: ctx.userId }));
    const links = await run({ ...ctx, writes: false }, imageLinks([upload.key]));
    return mediaView(upload, links.get(upload.key));
  }),
});
