#pragma once

#include <cstddef>
#include <string_view>

namespace flashlake::format::avro {

// Avro object container file layout (specification, "Object Container Files"):
//
//   header:  magic "Obj" 0x01
//            file metadata: a map<bytes> (blocks of count/entries, ending with count 0) holding
//              "avro.schema" (the writer schema as JSON) and "avro.codec" (absent means null)
//            16-byte sync marker, random per file
//   blocks:  long  number of objects in the block
//            long  byte size of the (compressed) objects
//            bytes the objects, each encoded with the writer schema, compressed by the codec
//            16-byte sync marker, the same as in the header
//
// The file ends right after a block's sync marker (or after the header when it has no blocks).

inline constexpr std::string_view kContainerMagic{"Obj\x01", 4};
inline constexpr size_t kSyncMarkerSize = 16;
inline constexpr std::string_view kSchemaKey = "avro.schema";
inline constexpr std::string_view kCodecKey = "avro.codec";

}  // namespace flashlake::format::avro
