#include "lake/read/split_reader.h"

#include "lake/read/merge_split_reader.h"
#include "lake/read/raw_split_reader.h"

namespace flashlake::lake {

Result<std::unique_ptr<SplitReader>> SplitReader::Make(io::FileSystem* fs, const Split& split) {
    if (!split.context) return Status::InvalidArgument("a split without a read context");
    if (split.kind == SplitKind::kMerge) return MergeSplitReader::Make(fs, split.context, split);
    return RawSplitReader::Make(fs, split.context, split);
}

Result<std::unique_ptr<SplitReader>> SplitReader::Make(io::FileSystem* fs, std::shared_ptr<const ReadContext> context,
                                                       const Split& split) {
    if (split.context || !context) return Make(fs, split);
    Split with_context = split;
    with_context.context = std::move(context);
    return Make(fs, with_context);
}

Result<std::shared_ptr<const DeletionVector>> LoadDeletionVector(io::FileSystem* fs, const SplitFile& file) {
    if (!file.deletion_file) return std::shared_ptr<const DeletionVector>();
    FL_ASSIGN_OR_RETURN(DeletionVector vector, DeletionVector::Read(fs, *file.deletion_file));
    return std::shared_ptr<const DeletionVector>(std::make_shared<DeletionVector>(std::move(vector)));
}

}  // namespace flashlake::lake
