import Foundation

// Placeholder: bluegreen-purge is built by its issue. It does nothing yet and says so.
FileHandle.standardError.write(Data("bluegreen-purge: not implemented yet\n".utf8))
exit(1)
