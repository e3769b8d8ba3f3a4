#pragma once

#include <QByteArray>
#include <QIODevice>
#include <QString>

// Streams the elements of one top-level JSON array out of a device, one at a time, without
// holding more than one element (at most maxElementBytes) and one read chunk in memory:
// this is how a 1 GB ShareGPT dump is read. It only finds where each element begins and
// ends (strings, escapes and nesting); the element itself is parsed by the caller, so a
// broken entry is skipped and counted rather than ending the whole file.
//   Element   *element holds the next element's bytes
//   TooLarge  the element is larger than maxElementBytes: skipped (elementSize() says how big)
//   Truncated the file ends inside the element (a cut-off download)
//   End       the array is over (closed() says whether its ']' was there)
//   Error     the file is not an array, or its structure is broken between elements
//             (errorString()); nothing more can be read
class JsonArraySplitter {
public:
    enum class Status { Element, TooLarge, Truncated, End, Error };
    static constexpr qint64 kChunkBytes = 64 * 1024;

    // maxTotalBytes: stop with Error once more was read (a cap for pipes); -1: none.
    JsonArraySplitter(QIODevice* device, qint64 maxElementBytes, qint64 maxTotalBytes = -1);

    Status next(QByteArray* element);

    qint64 bytesRead() const { return m_chunkOffset + m_chunk.size(); }
    qint64 elementNumber() const { return m_elements; } // 1-based number of the last element
    qint64 elementOffset() const { return m_elementOffset; }
    qint64 elementSize() const { return m_elementSize; }
    QString errorString() const { return m_error; }
    bool closed() const { return m_closed; }
    bool trailingText() const { return m_trailing; } // non-space text after the ']'

private:
    enum class State { Start, FirstElement, NextElement, AfterElement, Done };

    bool fill();      // reads the next chunk; false at the end (or on a read error / cap)
    bool skipSpace(); // false at the end of the input
    qint64 position() const { return m_chunkOffset + m_pos; }
    Status fail(const QString& message);
    bool openArray();                     // reads up to and past the '['; false after fail()
    bool expectSeparator(Status* status); // after an element: ',' (true) or the end
    Status endOfInput();                  // the input ended where an element could start
    Status closeArray();                  // at the ']'
    Status scanElement(QByteArray* element);

    QIODevice* m_device;
    qint64 m_maxElementBytes;
    qint64 m_maxTotalBytes;
    QByteArray m_chunk;
    qsizetype m_pos = 0;
    qint64 m_chunkOffset = 0;
    State m_state = State::Start;
    qint64 m_elements = 0;
    qint64 m_elementOffset = 0;
    qint64 m_elementSize = 0;
    QString m_error;
    bool m_closed = false;
    bool m_trailing = false;
};
