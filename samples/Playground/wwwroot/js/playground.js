// Canvas drawing for the NetGen Playground. C# computes every value and colour; this file only puts pixels on
// canvases (Blazor has no canvas API) and talks to the clipboard and the download machinery.
window.netgenPlayground = (function () {
    "use strict";
    const extent = 6;
    const state = {}; // per canvas id: last image, points, loss series

    function entry(id) {
        return state[id] || (state[id] = { image: null, density: 0, train: null, test: null, lossTrain: [], lossTest: [] });
    }

    function colour(label) {
        // The Playground's scale: -1 orange, 0 grey, +1 blue (matches PlaygroundColors.cs).
        const v = Math.max(-1, Math.min(1, label));
        const from = [0xe8, 0xea, 0xeb], to = v < 0 ? [0xf5, 0x93, 0x22] : [0x08, 0x77, 0xbd], t = Math.abs(v);
        return "rgb(" + from.map((c, i) => Math.round(c + (to[i] - c) * t)).join(",") + ")";
    }

    function paintImage(canvas, bytes, density) {
        const scratch = document.createElement("canvas");
        scratch.width = density;
        scratch.height = density;
        const image = scratch.getContext("2d").createImageData(density, density);
        image.data.set(bytes);
        scratch.getContext("2d").putImageData(image, 0, 0);
        const context = canvas.getContext("2d");
        context.imageSmoothingEnabled = false;
        context.drawImage(scratch, 0, 0, canvas.width, canvas.height);
    }

    function paintPoints(canvas, points, stroke) {
        if (!points) return;
        const context = canvas.getContext("2d");
        const w = canvas.width, h = canvas.height;
        for (let i = 0; i + 2 < points.length; i += 3) {
            const x = (points[i] + extent) / (2 * extent) * w, y = (extent - points[i + 1]) / (2 * extent) * h;
            context.beginPath();
            context.arc(x, y, 3, 0, 2 * Math.PI);
            context.fillStyle = colour(points[i + 2]);
            context.fill();
            context.lineWidth = 1;
            context.strokeStyle = stroke;
            context.stroke();
        }
    }

    function redrawHeatmap(id) {
        const canvas = document.getElementById(id), e = entry(id);
        if (!canvas || !e.image) return;
        paintImage(canvas, e.image, e.density);
        paintPoints(canvas, e.train, "#ffffff");
        paintPoints(canvas, e.test, "#000000");
        canvas.dataset.frames = String((+canvas.dataset.frames || 0) + 1);
    }

    function drawChart(id) {
        const canvas = document.getElementById(id), e = entry(id);
        if (!canvas) return;
        const context = canvas.getContext("2d"), w = canvas.width, h = canvas.height;
        context.clearRect(0, 0, w, h);
        const n = e.lossTrain.length;
        if (n === 0) return;
        let max = 0;
        for (let i = 0; i < n; i++) max = Math.max(max, e.lossTrain[i], isFinite(e.lossTest[i]) ? e.lossTest[i] : 0);
        max = max > 0 ? max : 1;
        function line(series, style, width) {
            context.beginPath();
            for (let i = 0; i < n; i++) {
                const x = n === 1 ? 0 : i / (n - 1) * (w - 2) + 1, y = h - 1 - series[i] / max * (h - 2);
                if (i === 0) context.moveTo(x, y); else context.lineTo(x, y);
            }
            context.strokeStyle = style;
            context.lineWidth = width;
            context.stroke();
        }
        line(e.lossTest, "#000000", 1.5);
        line(e.lossTrain, "#777777", 1.5);
        canvas.dataset.points = String(n);
    }

    return {
        drawHeatmap: function (id, bytes, density) {
            const e = entry(id);
            e.image = bytes;
            e.density = density;
            redrawHeatmap(id);
        },
        setPoints: function (id, train, test) {
            const e = entry(id);
            e.train = train;
            e.test = test;
            redrawHeatmap(id);
        },
        drawThumbnails: function (ids, bytes, density) {
            const size = density * density * 4;
            for (let i = 0; i < ids.length; i++) {
                const canvas = document.getElementById(ids[i]);
                if (canvas) paintImage(canvas, bytes.subarray(i * size, (i + 1) * size), density);
            }
        },
        resetChart: function (id) {
            const e = entry(id);
            e.lossTrain = [];
            e.lossTest = [];
            drawChart(id);
        },
        appendLosses: function (id, train, test) {
            const e = entry(id);
            for (let i = 0; i < train.length; i++) {
                e.lossTrain.push(train[i]);
                e.lossTest.push(test[i]);
            }
            drawChart(id);
        },
        downloadBytes: function (fileName, bytes) {
            const url = URL.createObjectURL(new Blob([bytes], { type: "application/octet-stream" }));
            const link = document.createElement("a");
            link.href = url;
            link.download = fileName;
            document.body.appendChild(link);
            link.click();
            link.remove();
            setTimeout(() => URL.revokeObjectURL(url), 1000);
        },
        copyText: async function (text) {
            try {
                await navigator.clipboard.writeText(text);
                return true;
            } catch (e) {
                return false; // no clipboard permission (e.g. not a secure context): the page shows the text instead
            }
        },
    };
})();
