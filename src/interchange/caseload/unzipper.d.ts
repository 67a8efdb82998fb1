// The part of unzipper (installed with exceljs, which reads workbooks with it) that the workbook
// check uses; the package has no types of its own.
declare module 'unzipper' {
  import type { Duplex, PassThrough } from 'node:stream';

  interface CentralDirectoryFile {
    path: string;
    compressedSize: number;
    uncompressedSize: number;
    /** The part unpacked whole (tests only: the workbook check never unpacks whole). */
    buffer(): Promise<Buffer>;
  }
  interface CentralDirectory {
    files: CentralDirectoryFile[];
  }
  interface Entry extends PassThrough {
    path: string;
    autodrain(): unknown;
  }

  const unzipper: {
    Open: { buffer(buffer: Buffer): Promise<CentralDirectory> };
    /** With forceStream, a stream of the archive's entries in the order they are stored. */
    Parse(options: { forceStream: true }): Duplex & AsyncIterable<Entry>;
  };
  export default unzipper;
}
